// The app itself: its bytes, navigation to an interactive page map, click to article painted
// (beside the same article put in by plain JS, and a one-word change: what the browser allows),
// and memory after opening many articles.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, newPage, DIST, ROOT } from '../e2e/harness.mjs';
import { kb, peerSizes, sizes as measure, triple } from './peers.mjs';
import { clickFloor, eventTimingBuckets, recordLatency, recordWork, stagesOver, summary } from './latency.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The latencies of recorded EventLatency events, in ms. */
const ms = (events) => events.map((e) => e.ms);

/** Each file of `dir` whose name matches `pattern`, with its sizes, and their sum. */
async function fileSizes(dir, pattern) {
  const files = [];
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of (await readdir(dir)).filter((f) => pattern.test(f)).sort()) {
    const sizes = measure(await readFile(join(dir, f)));
    files.push({ f, sizes });
    for (const k of Object.keys(total)) total[k] += sizes[k];
  }
  return { files, total };
}

async function bytes() {
  const rows = [];
  const { files, total } = await fileSizes(DIST, /\.(wasm|js|css)$/);
  for (const { f, sizes } of files) {
    // Named without trunk's content hash, so that the rows compare from build to build.
    rows.push({ figure: `${f.replace(/-[0-9a-f]{15,16}(?=[._])/, '')} bytes raw / gzip / brotli`, value: triple(sizes), unit: 'KiB' });
  }
  // The budget (issue 8): the whole app, brotli, under OpenSeadragon's minified core alone.
  const peers = await peerSizes();
  const osd = peers.find((p) => p.pkg === 'openseadragon' && !p.missing);
  rows.push({
    figure: 'app bytes raw / gzip / brotli', value: triple(total), unit: 'KiB',
    target: `brotli < ${osd ? kb(osd.sizes.brotli) : '?'} (OpenSeadragon core)`,
    budget: osd && {
      pass: total.brotli < osd.sizes.brotli,
      text: `whole app ${kb(total.brotli)} KiB brotli against OpenSeadragon's minified core ${kb(osd.sizes.brotli)} KiB`,
    },
  });
  // What the framework costs before any feature (`make leptos-floor`).
  const floor = await leptosFloor();
  rows.push(floor
    ? { figure: 'floor: a minimal Leptos app built the same way (wasm + JS) raw / gzip / brotli', value: triple(floor), unit: 'KiB' }
    : { figure: 'floor: a minimal Leptos app built the same way', value: 'not built (make leptos-floor)' });
  for (const p of peers) {
    rows.push(p.missing
      ? { figure: `peer: ${p.name}`, value: 'not fetched (make peers)' }
      : { figure: `peer: ${p.name} ${p.version} raw / gzip / brotli`, value: triple(p.sizes), unit: 'KiB' });
  }
  return rows;
}

/** The minimal Leptos app's wasm and JS together, or null when it is not built. */
async function leptosFloor() {
  try {
    const { files, total } = await fileSizes(join(ROOT, 'target/bench-leptos-floor'), /\.(wasm|js)$/);
    return files.length ? total : null;
  } catch {
    return null;
  }
}

// Records Event Timing entries (input to next paint) from the start, in the page.
const OBSERVE = () => {
  window.__events = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__events.push({ name: e.name, duration: e.duration, start: e.startTime, processingEnd: e.processingEnd }); })
    .observe({ type: 'event', durationThreshold: 16, buffered: true });
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
};

async function timings(browser, url) {
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const page = await newPage(browser);
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('broadsheet:map-interactive').length > 0);
    loads.push(await page.evaluate(() => performance.getEntriesByName('broadsheet:map-interactive')[0].startTime));
    await page.context().close();
  }
  const page = await newPage(browser);
  await page.addInitScript(OBSERVE);
  await page.goto(`${url}?page=p2`);
  await page.waitForFunction(() => performance.getEntriesByName('broadsheet:map-interactive').length > 0);
  // Click each title in the list (a real input event through DevTools), and read how long the
  // browser took from the click to the next paint (Event Timing, and Chromium's EventLatency).
  const clicks = [];
  const articles = [];
  const current = [];
  const titles = page.locator('.bs-title-list a');
  // The titles come with the widgets' part, once the page image is in (src/app/layout.rs).
  await titles.first().waitFor();
  const n = await titles.count();
  const rec = await recordLatency(page);
  // Three rounds over the page's titles: enough clicks for a p50 on this noisy machine.
  await clickTitles(page, titles, 3 * n, async () => {
    const painted = await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(() => {
      const click = performance.getEntriesByType('event').concat(window.__events).filter((e) => e.name === 'click' || e.name === 'pointerup' || e.name === 'pointerdown');
      ok(click.length ? Math.max(...click.map((e) => e.duration)) : null);
    }, 50))));
    clicks.push(painted);
    articles.push(await page.locator('.bs-article').evaluate((e) => e.outerHTML));
    current.push(await page.evaluate(MARKED));
  });
  const events = await rec.stop();
  const appClicks = events.filter((e) => e.type === 'MOUSE_RELEASED');
  const appEscapes = events.filter((e) => e.type === 'KEY_PRESSED');
  const [app, escapes] = [ms(appClicks), ms(appEscapes)];
  // Two more rounds under a timeline trace: the main thread's work from each click to its paint.
  const work = await recordWork(page);
  await clickTitles(page, titles, 2 * n);
  const appWork = await work.stop();
  await page.context().close();
  const plain = await sameDomWithoutApp(browser, `${url}?page=p2`, articles, current);
  const floor = await clickFloor(newPage, browser);
  const p50 = (ms) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];
  const gap = (a, b) => (a.length && b.length ? `${(p50(a) - p50(b)).toFixed(1)}` : '?');
  return [
    { figure: 'navigation to interactive page map (median of 5)', value: median(loads).toFixed(0), unit: 'ms' },
    { figure: `click to article painted, Event Timing (${clicks.length} clicks)`, value: eventTimingBuckets(clicks.filter((c) => c !== null), clicks.length), unit: 'clicks' },
    { figure: 'click to article presented, EventLatency', value: summary(app), unit: 'ms', target: '<= 16.7 (one frame)' },
    { figure: 'the same article DOM put in by plain JS (no app code)', value: summary(ms(plain.clicks)), unit: 'ms' },
    { figure: 'click to article: app p50 minus plain JS p50', value: gap(app, ms(plain.clicks)), unit: 'ms', target: '<= 8' },
    { figure: 'click to article: where, EventLatency\'s stages over plain JS (p50)', value: stagesOver(appClicks, plain.clicks), unit: 'ms' },
    { figure: `click to article painted, main thread's work (trace, ${appWork.length} clicks)`, value: summary(appWork), unit: 'ms' },
    { figure: `the same by plain JS (trace, ${plain.work.length} clicks)`, value: summary(plain.work), unit: 'ms' },
    { figure: 'click to article, main thread\'s work: app p50 minus plain JS p50', value: gap(appWork, plain.work), unit: 'ms' },
    { figure: 'Escape to article closed, EventLatency', value: summary(escapes), unit: 'ms' },
    { figure: 'the same article DOM taken out by plain JS on Escape', value: summary(ms(plain.escapes)), unit: 'ms' },
    { figure: 'Escape: app p50 minus plain JS p50', value: gap(escapes, ms(plain.escapes)), unit: 'ms', target: '<= 8' },
    { figure: 'Escape: where, EventLatency\'s stages over plain JS (p50)', value: stagesOver(appEscapes, plain.escapes), unit: 'ms' },
    { figure: 'floor: a click that changes one word on an empty page', value: summary(floor), unit: 'ms' },
  ];
}

// Where an open article is marked outside itself (its region on the map, its title in the list,
// its line in the ranking): each marked element's path from the body, counted as if the article
// were not there, so that the plain-JS page can mark the same elements before it puts the article in.
const MARKED = () => {
  const index = (e) => [...e.parentElement.children].filter((c) => !c.matches('.bs-reading > .bs-article')).indexOf(e) + 1;
  const path = (e) => {
    const steps = [];
    for (; e !== document.body; e = e.parentElement) steps.unshift(`:nth-child(${index(e)})`);
    return `:scope > ${steps.join(' > ')}`;
  };
  return [...document.querySelectorAll('[aria-current="true"]')].filter((e) => !e.closest('.bs-article')).map(path);
};

/** Rests the pointer on the `i`th title for 100 ms, as a hand's does before it presses, and
 *  clicks it (a real input event through DevTools). Playwright's `click` moves and presses at
 *  once, which would put the title's hover into the click's frame. */
async function restAndClick(page, titles, i) {
  await titles.nth(i).scrollIntoViewIfNeeded();
  const box = await titles.nth(i).boundingBox();
  await page.mouse.move(box.x + 5, box.y + box.height / 2);
  await page.waitForTimeout(100);
  await page.mouse.click(box.x + 5, box.y + box.height / 2);
}

/** Clicks the page's titles in turn, `count` clicks in all: each opens its article, `opened()`
 *  runs while it is open, and Escape closes it (the focus is in the article, as after a click).
 *  The pointer stays where it clicked, so the article's closing brings the title list back under it. */
async function clickTitles(page, titles, count, opened = async () => {}) {
  const n = await titles.count();
  for (let k = 0; k < count; k++) {
    const i = k % n;
    const want = await titles.nth(i).innerText();
    await page.evaluate(() => { window.__events.length = 0; });
    await restAndClick(page, titles, i);
    // Nothing of the bench's own runs in the page until the click's frame is on the screen, as on
    // the plain-JS page: a waitForFunction polls in every animation frame, the click's one too.
    await page.waitForTimeout(200);
    await page.waitForFunction((t) => document.getElementById('bs-article-title')?.textContent === t, want);
    await opened();
    await page.waitForTimeout(100);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    await page.waitForFunction(() => !document.getElementById('bs-article-title'));
  }
}

// What the browser alone needs to show these articles in the reader's layout: the same clicks on
// the same titles, with the pointer resting where the app's did, put each article's markup (as the
// app rendered it) where the app puts it, by plain JS, and mark the same elements as current
// (`marked`, from MARKED) as the app did. The app on this page hears none of it: not the clicks,
// not Escape, not the hover and focus its titles would light the map with. The browser's own
// hover (CSS) is left, as the pointer is where the app's was: over the article when Escape
// takes it out, and over a title again once the list has moved back under it.
async function sameDomWithoutApp(browser, url, articles, marked) {
  const page = await newPage(browser);
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('broadsheet:map-interactive').length > 0);
  // The same page as the app's clicks had: its reading column whole (the widgets' part in).
  const titles = page.locator('.bs-title-list a');
  await titles.first().waitFor();
  const n = await titles.count();
  await page.evaluate(([html, marked]) => {
    const titles = () => [...document.querySelectorAll('.bs-title-list a')];
    let on = [];
    const unmark = () => { for (const el of on) el.removeAttribute('aria-current'); on = []; };
    const quiet = (e) => e.stopImmediatePropagation();
    for (const type of ['mouseover', 'mouseout', 'mouseenter', 'mouseleave', 'pointerover', 'pointerout',
      'pointerenter', 'pointerleave', 'focus', 'blur', 'focusin', 'focusout']) {
      addEventListener(type, quiet, true);
    }
    addEventListener('click', (e) => {
      const k = titles().indexOf(e.target.closest('a'));
      if (k < 0) return;
      e.stopImmediatePropagation();
      e.preventDefault();
      document.querySelector('.bs-reading .bs-article')?.remove();
      unmark();
      on = marked[k].map((p) => document.body.querySelector(p)).filter(Boolean);
      for (const el of on) el.setAttribute('aria-current', 'true');
      const t = document.createElement('template');
      t.innerHTML = html[k];
      document.querySelector('.bs-reading').prepend(t.content);
      document.querySelector('.bs-issue').classList.add('bs-has-article');
    }, true);
    // Escape takes it out again, before the app hears of it.
    addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.stopImmediatePropagation();
      document.querySelector('.bs-reading .bs-article')?.remove();
      unmark();
      document.querySelector('.bs-issue').classList.remove('bs-has-article');
    }, true);
    window.__marked = () => on.length;
  }, [articles.slice(0, n), marked.slice(0, n)]);
  await page.waitForTimeout(500);
  const insertAndTakeOut = async (count) => {
    for (let k = 0; k < count; k++) {
      await restAndClick(page, titles, k % n);
      await page.waitForTimeout(200);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
    }
  };
  // The floor must mark what the app marked, and open in place of the app, or it would measure
  // less than the same change.
  await restAndClick(page, titles, 0);
  await page.waitForTimeout(200);
  const [found, open, heard] = await page.evaluate(() => [window.__marked(),
    document.querySelectorAll('.bs-reading .bs-article').length, new URLSearchParams(location.search).has('article')]);
  if (!marked[0].length || found !== marked[0].length) throw new Error(`the plain-JS page marked ${found} of ${marked[0].length} elements the app marked`);
  if (open !== 1 || heard) throw new Error(`the plain-JS page put in ${open} articles; the app heard the click: ${heard}`);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  const rec = await recordLatency(page);
  await insertAndTakeOut(articles.length);
  const events = await rec.stop();
  // As many as the app's traced clicks (two rounds of its three).
  const trace = await recordWork(page);
  await insertAndTakeOut(Math.ceil((2 * articles.length) / 3));
  const work = await trace.stop();
  await page.context().close();
  const of = (type) => events.filter((e) => e.type === type);
  return { clicks: of('MOUSE_RELEASED'), escapes: of('KEY_PRESSED'), work };
}

async function memory(browser, url) {
  const page = await newPage(browser);
  await page.addInitScript(OBSERVE);
  await page.goto(`${url}?article=a0102`);
  await page.waitForFunction(() => document.getElementById('bs-article-title'));
  const sample = async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
    return { js: usedSize, wasm, total: usedSize + wasm };
  };
  const next = page.locator('a[rel=next]');
  const prev = page.locator('a[rel=prev]');
  let forward = true;
  const open = async (count) => {
    for (let i = 0; i < count; i++) {
      if (forward && (await next.count()) === 0) forward = false;
      if (!forward && (await prev.count()) === 0) forward = true;
      const before = await page.evaluate(() => document.getElementById('bs-article-title').textContent);
      await (forward ? next : prev).click();
      await page.waitForFunction((b) => document.getElementById('bs-article-title')?.textContent !== b, before);
    }
  };
  await open(10);
  const at10 = await sample();
  await open(190);
  const at200 = await sample();
  await page.context().close();
  const mb = (n) => (n / 1048576).toFixed(2);
  return [
    { figure: 'JS heap + wasm memory after 10 articles', value: `${mb(at10.js)} + ${mb(at10.wasm)} = ${mb(at10.total)}`, unit: 'MiB' },
    { figure: 'JS heap + wasm memory after 200 articles', value: `${mb(at200.js)} + ${mb(at200.wasm)} = ${mb(at200.total)}`, unit: 'MiB' },
    { figure: 'memory growth 10 -> 200 articles', value: (at200.total / at10.total).toFixed(2), unit: 'x', target: '<= 1.5' },
  ];
}

export default async function ({ browser }) {
  const server = await serve({ '/': DIST });
  try {
    const url = `${server.url}/`;
    return [...(await bytes()), ...(await timings(browser, url)), ...(await memory(browser, url))];
  } finally {
    await server.close();
  }
}
