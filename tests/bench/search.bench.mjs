// Search at scale: a 100-page issue made in the test from the demo issue (its pages repeated 25
// times, each article's text repeated ten times: some 7,000 characters a page, as a full
// broadsheet page holds), searched one keystroke at a time. Each keystroke is timed inside the page, from the
// input event to the DOM updated and laid out (results, outlines, page marks), and the typing
// is also done through real input events with Event Timing counting those over one frame.
import { newPage } from '../e2e/harness.mjs';
import { BIG_DATE as DATE, serveBigIssue, searchCodeIn } from '../e2e/big-issue.mjs';
import { eventTimingBuckets, recordLatency, stagesOver, summary, typingFloor } from './latency.mjs';

const PAGES = 100;
const REPEAT = 10;
// Rounds of typing, each the reader, its page deaf to the keys and the empty box in turn.
const ROUNDS = 3;
// Chinese (typed as text), traditional forms, Latin letters with no hit, and digits that hit (typed as keys).
const QUERIES = ['妇联组织转变作风', '婦女群眾', 'the quick brown', '家庭文明建设', '12338'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// In the page: types `query` one character at a time through input events and returns, for each
// keystroke, the ms until the reader's reactions have run (microtasks) and the DOM is laid out.
const TYPE_TIMED = async (query) => {
  const input = document.getElementById('bs-search-input');
  const status = document.querySelector('.bs-search-status');
  const times = [];
  for (let n = 1; n <= query.length; n++) {
    const t0 = performance.now();
    input.value = query.slice(0, n);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((ok) => setTimeout(ok, 0));
    document.body.getBoundingClientRect();
    void document.body.offsetHeight;
    times.push(performance.now() - t0);
    if (!status.textContent) throw new Error(`no answer for ${query.slice(0, n)}`);
  }
  input.value = '';
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((ok) => setTimeout(ok, 0));
  return times;
};

const OBSERVE = () => {
  window.__slow = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__slow.push({ name: e.name, duration: e.duration, start: e.startTime }); })
    .observe({ type: 'event', durationThreshold: 16, buffered: true });
  // First in line (an init script), so that while `__deaf` is set the reader hears no key and no
  // input; the browser still puts the text in the box.
  window.__deaf = false;
  const deaf = (e) => { if (window.__deaf) e.stopImmediatePropagation(); };
  for (const t of ['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'change', 'compositionstart', 'compositionupdate', 'compositionend']) {
    addEventListener(t, deaf, true);
  }
};

export default async function ({ browser }) {
  const server = await serveBigIssue(PAGES, REPEAT);
  const { chars, articles } = server;
  try {
    const page = await newPage(browser);
    await page.addInitScript(OBSERVE);
    await page.goto(`${server.url}/?date=${DATE}`);
    await page.locator('#bs-search-input').waitFor();
    await page.locator('.bs-region').first().waitFor({ state: 'attached' });
    // Typed before search's code is in, a query waits for it, and the status line stays empty:
    // TYPE_TIMED below stops there.
    await searchCodeIn(page);
    await page.waitForTimeout(500);
    // The index is built when the box takes focus, a slice of the issue a task: the time until it
    // is whole (a query typed meanwhile waits), and the longest task meanwhile (Long Tasks API).
    const build = await page.evaluate(async () => {
      let longest = 0;
      const long = new PerformanceObserver((l) => { for (const e of l.getEntries()) longest = Math.max(longest, e.duration); });
      long.observe({ type: 'longtask' });
      const t0 = performance.now();
      document.getElementById('bs-search-input').focus();
      const whole = await new Promise((ok) => {
        const seen = () => performance.getEntriesByName('broadsheet:search-index')[0];
        const wait = () => (seen() ? ok(seen().startTime - t0) : setTimeout(wait, 5));
        wait();
      });
      // Long task entries come after their task.
      await new Promise((ok) => setTimeout(ok, 100));
      long.disconnect();
      return { whole, longest };
    });
    const times = [];
    for (let round = 0; round < 3; round++) {
      for (const q of QUERIES) times.push(...(await page.evaluate(TYPE_TIMED, q)));
    }
    // Real typing (DevTools input events), judged by Event Timing (every input event) and by
    // EventLatency (the Latin keys: Chinese arrives as text, not as keys), in turn with two
    // floors, ROUNDS times: the same page with the reader deaf to the keys, which tells what the
    // page itself costs a key (inserting the text, its layout, paint and commit), and issue 16's,
    // an empty text box on an empty page.
    const box = page.locator('#bs-search-input');
    const typeAll = async (deaf) => {
      await box.fill('');
      await page.evaluate((deaf) => { window.__deaf = deaf; window.__slow.length = 0; }, deaf);
      const rec = await recordLatency(page);
      for (const q of QUERIES) {
        await box.fill('');
        await box.pressSequentially(q, { delay: 30 });
      }
      const events = (await rec.stop()).filter((e) => e.type === 'KEY_PRESSED');
      // Every keystroke fires one input event, which is where the search runs.
      const inputs = await page.evaluate(() => window.__slow.filter((e) => e.name === 'input').map((e) => e.duration));
      // Deaf, the reader answered nothing: no status line, no result, no query in the address.
      const answered = await page.evaluate(() => Boolean(document.querySelector('.bs-search-status')?.textContent
        || document.querySelector('.bs-search-result') || new URL(location.href).searchParams.has('q')));
      if (answered !== !deaf) throw new Error(deaf ? 'the reader heard the keys typed while deaf' : 'the reader did not answer the keys');
      await box.fill('');
      await page.evaluate(() => { window.__deaf = false; });
      return { events, inputs };
    };
    const floorBox = await typingFloor(newPage, browser);
    const app = { events: [], inputs: [] };
    const deaf = { events: [], inputs: [] };
    const empty = { events: [], inputs: [] };
    const add = (side, r) => { side.events.push(...r.events); side.inputs.push(...r.inputs); };
    for (let round = 0; round < ROUNDS; round++) {
      add(app, await typeAll(false));
      add(deaf, await typeAll(true));
      add(empty, await floorBox.type(QUERIES.join('')));
    }
    await floorBox.close();
    if (page.errors.length) throw new Error(page.errors.join('\n'));
    await page.context().close();
    const typed = QUERIES.join('').length * ROUNDS;
    const keys = (side) => side.events.map((e) => e.ms);
    const gap = (a, b) => (median(keys(a)) - median(keys(b))).toFixed(1);
    return [
      { figure: `search index of a ${PAGES}-page issue (${articles} articles, ${(chars / 1000).toFixed(0)}k characters), from focus to whole`, value: build.whole.toFixed(1), unit: 'ms' },
      { figure: 'the longest task meanwhile (none: none over 50 ms)', value: build.longest.toFixed(0), unit: 'ms', target: '<= 50' },
      {
        figure: `keystroke to results laid out, in the page (${times.length} keystrokes)`,
        value: `median ${median(times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}`,
        unit: 'ms', target: '<= 16 (one frame)',
      },
      { figure: `typed keystrokes' input events, Event Timing (${typed})`, value: eventTimingBuckets(app.inputs, typed), unit: 'keys', target: 'none over one frame' },
      { figure: 'typed Latin keys to results presented, EventLatency', value: summary(keys(app)), unit: 'ms', target: '<= 16.7 (one frame)' },
      { figure: 'deaf floor: the same typing into the same page with the reader deaf to it, Event Timing', value: eventTimingBuckets(deaf.inputs, typed), unit: 'keys' },
      { figure: 'deaf floor: its Latin keys, EventLatency', value: summary(keys(deaf)), unit: 'ms' },
      { figure: 'empty floor: the same typing into an empty text box on an empty page, Event Timing', value: eventTimingBuckets(empty.inputs, typed), unit: 'keys' },
      { figure: 'empty floor: its Latin keys, EventLatency', value: summary(keys(empty)), unit: 'ms' },
      { figure: 'typed Latin keys: app p50 minus the empty box\'s p50 (issue 16)', value: gap(app, empty), unit: 'ms', target: '<= 4' },
      { figure: 'typed Latin keys: of which the page, deaf, over the empty box', value: gap(deaf, empty), unit: 'ms' },
      { figure: 'typed Latin keys: of which the reader, over its page deaf', value: gap(app, deaf), unit: 'ms' },
      { figure: 'typed Latin keys: where the reader adds, EventLatency\'s stages over its page deaf (p50)', value: stagesOver(app.events, deaf.events), unit: 'ms' },
      { figure: 'typed Latin keys: where the page adds, EventLatency\'s stages of the deaf page over the empty box (p50)', value: stagesOver(deaf.events, empty.events), unit: 'ms' },
    ];
  } finally {
    await server.close();
  }
}
