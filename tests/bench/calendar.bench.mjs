// The calendar at scale: the demo archive (4 months, 5 issues) against a 30-year daily archive
// from the kit's `synth`, side by side. For each: bytes of the month indexes a step costs and the
// time from the click to the month shown in full (the calendar's User Timing mark), for a step to
// a prefetched month (上个月) and a jump to one that was not (the month select).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, newPage, DIST, ROOT } from '../e2e/harness.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MARK = (m) => `broadsheet:calendar:${m}`;

// In the page: the month indexes fetched since `since` (Resource Timing), their bytes on the wire.
const monthBytes = (page, since) => page.evaluate((t) => performance.getEntriesByType('resource')
  .filter((e) => e.name.includes('/months/') && e.startTime >= t)
  .map((e) => ({ name: e.name.split('/').pop(), bytes: e.encodedBodySize })), since);

// In the page: the time of the reader's last click or change, from the event itself.
const INPUT_TIMES = () => {
  for (const type of ['click', 'change']) addEventListener(type, (e) => { window.__inputAt = e.timeStamp; }, true);
};

/** Acts, then returns the ms from the input event to the month's mark (both in the page). */
async function timedStep(page, action, month) {
  const t0 = await page.evaluate(() => performance.now());
  await action();
  await page.waitForFunction(([name, t]) => performance.getEntriesByName(name).some((e) => e.startTime >= t), [MARK(month), t0]);
  const ms = await page.evaluate(([name, t]) => performance.getEntriesByName(name).find((e) => e.startTime >= t).startTime - window.__inputAt, [MARK(month), t0]);
  return { t0, ms };
}

/** Waits until the server has answered every month index it was asked for. */
const settle = (page) => page.waitForLoadState('networkidle');

async function openReader(browser, url) {
  const page = await newPage(browser);
  await page.addInitScript(INPUT_TIMES);
  await page.goto(url);
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, MARK('2016-09'));
  await settle(page);
  return page;
}

/** The archive's size, and its month indexes' bytes per listed issue (median). */
async function archiveSize(dir) {
  const files = (await readdir(join(dir, 'months'))).filter((f) => f.endsWith('.json'));
  const perIssue = [];
  let issues = 0;
  for (const f of files) {
    const text = await readFile(join(dir, 'months', f));
    const n = JSON.parse(text).issues.length;
    issues += n;
    perIssue.push(text.length / n);
  }
  return { files: files.length, issues, perIssue: median(perIssue) };
}

const sum = (entries) => entries.reduce((n, e) => n + e.bytes, 0);

async function measure(browser, data, steps) {
  const server = await serve(data ? { '/data/': data, '/': DIST } : { '/': DIST });
  try {
    // Opening: navigation start to the newest month shown in full, three fresh pages.
    const opens = [];
    let openFiles = [];
    for (let i = 0; i < 3; i++) {
      const page = await openReader(browser, `${server.url}/`);
      opens.push(await page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, MARK('2016-09')));
      openFiles = await monthBytes(page, 0);
      await page.context().close();
    }

    // Step back month by month with 上个月: each month was prefetched by the step before.
    let page = await openReader(browser, `${server.url}/`);
    const stepMs = [];
    const stepBytes = [];
    for (const month of steps) {
      const step = await timedStep(page, () => page.locator('.bs-cal-prev').click(), month);
      await settle(page);
      stepMs.push(step.ms);
      stepBytes.push(sum(await monthBytes(page, step.t0)));
    }
    await page.context().close();

    // A jump to a month that was not prefetched: June 2016 with the month select, fresh page.
    page = await openReader(browser, `${server.url}/`);
    const before = server.requests.length;
    const jump = await timedStep(page, () => page.locator('.bs-cal-month').selectOption('6'), '2016-06');
    await settle(page);
    const jumpFiles = await monthBytes(page, jump.t0);
    const shownFile = jumpFiles.filter((e) => e.name === '2016-06.json');
    const jumpRequests = server.requests.slice(before).filter((p) => p.startsWith('/data/months/'));
    await page.context().close();
    return {
      open: median(opens),
      openBytes: sum(openFiles),
      openFiles: openFiles.length,
      jumpMs: jump.ms,
      jumpShown: sum(shownFile),
      jumpPrefetched: sum(jumpFiles) - sum(shownFile),
      jumpRequests: jumpRequests.length,
      stepMs: median(stepMs),
      stepMsMax: Math.max(...stepMs),
      stepBytes: median(stepBytes),
      stepBytesMax: Math.max(...stepBytes),
      steps: steps.length,
    };
  } finally {
    await server.close();
  }
}

export default async function ({ browser }) {
  const synth = await mkdtemp(join(tmpdir(), 'broadsheet-synth-'));
  try {
    execFileSync('cargo', ['run', '--release', '--quiet', '-p', 'broadsheet-kit', '--', 'synth', synth, '--years', '30'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    // The demo has four months (September back to June, July empty); the synth, 361.
    const demo = await measure(browser, null, ['2016-08', '2016-07', '2016-06']);
    const months = [];
    for (let m = 8; m >= 1; m--) months.push(`2016-${String(m).padStart(2, '0')}`);
    for (let m = 12; m >= 9; m--) months.push(`2015-${String(m).padStart(2, '0')}`);
    const big = await measure(browser, synth, months);
    demo.size = await archiveSize(join(ROOT, 'demo/data'));
    big.size = await archiveSize(synth);
    const side = (f) => `demo ${f(demo)} | 30 years ${f(big)}`;
    return [
      { figure: 'archive: month indexes, issues', value: side((x) => `${x.size.files}, ${x.size.issues}`), unit: 'files' },
      { figure: 'month index bytes per listed issue (median)', value: side((x) => x.size.perIssue.toFixed(0)), unit: 'B' },
      { figure: 'open to newest month shown (median of 3)', value: side((x) => x.open.toFixed(0)), unit: 'ms' },
      { figure: 'month-index bytes fetched on opening', value: side((x) => `${x.openBytes} in ${x.openFiles} files`), unit: 'B', target: 'shown month + 1 prefetched' },
      { figure: '上个月 step (prefetched month): index bytes fetched', value: side((x) => `median ${x.stepBytes}, max ${x.stepBytesMax} (${x.steps} steps)`), unit: 'B', target: '<= one month index' },
      { figure: '上个月 step (prefetched month): click to shown', value: side((x) => `median ${x.stepMs.toFixed(1)}, max ${x.stepMsMax.toFixed(1)}`), unit: 'ms', target: '<= 16 (one frame)' },
      { figure: 'jump to a month not prefetched: bytes shown + prefetched', value: side((x) => `${x.jumpShown} + ${x.jumpPrefetched} (${x.jumpRequests} requests)`), unit: 'B', target: '1 + at most 2 requests' },
      { figure: 'jump to a month not prefetched: change to shown', value: side((x) => x.jumpMs.toFixed(1)), unit: 'ms' },
    ];
  } finally {
    await rm(synth, { recursive: true, force: true });
  }
}
