// A year of reading: the kit's synthetic daily archive (one year, 366 issues), read from its first
// issue through 365 more with the reader's own 下一期 / Next issue button. Memory (JS heap after a
// forced collection, plus wasm linear memory) after 10 issues and after 365; the budget (issue 8)
// is at most 1.5 times. Each step is also timed in the page, from the click event to the new
// issue's page map being interactive (User Timing mark).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, newPage, DIST, ROOT } from '../e2e/harness.mjs';

const STEPS = 365;
const SAMPLE_AT = [10, 100, STEPS];
const MAP = 'broadsheet:map-interactive';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (n) => (n / 1048576).toFixed(2);

const IN_PAGE = () => {
  addEventListener('click', (e) => { window.__clickAt = e.timeStamp; }, true);
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
};

async function sample(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes, jsEventListeners: listeners } = await cdp.send('Memory.getDOMCounters');
  await cdp.detach();
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
  return { js: usedSize, wasm, total: usedSize + wasm, nodes, listeners };
}

export default async function ({ browser }) {
  const data = await mkdtemp(join(tmpdir(), 'broadsheet-year-'));
  const server = await serve({ '/data/': data, '/': DIST });
  try {
    execFileSync('cargo', ['run', '--release', '--quiet', '-p', 'broadsheet-kit', '--', 'synth', data, '--years', '1'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const page = await newPage(browser);
    await page.addInitScript(IN_PAGE);
    await page.goto(`${server.url}/?date=2015-09-25`);
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, MAP);
    const next = page.getByRole('button', { name: 'Next issue', exact: true });
    const samples = {};
    const steps = [];
    for (let i = 1; i <= STEPS; i++) {
      const before = await page.evaluate((m) => [performance.getEntriesByName(m).length, document.querySelector('.bs-date').getAttribute('datetime')], MAP);
      await next.click();
      await page.waitForFunction(([m, [n, date]]) => performance.getEntriesByName(m).length > n
        && document.querySelector('.bs-date').getAttribute('datetime') !== date, [MAP, before]);
      steps.push(await page.evaluate((m) => performance.getEntriesByName(m).at(-1).startTime - window.__clickAt, MAP));
      if (SAMPLE_AT.includes(i)) samples[i] = await sample(page);
    }
    const last = await page.evaluate(() => document.querySelector('.bs-date').getAttribute('datetime'));
    await page.context().close();
    const ratio = samples[STEPS].total / samples[10].total;
    const row = (n) => ({
      figure: `JS heap + wasm memory after ${n} issues (DOM nodes, listeners)`,
      value: `${mb(samples[n].js)} + ${mb(samples[n].wasm)} = ${mb(samples[n].total)} (${samples[n].nodes}, ${samples[n].listeners})`, unit: 'MiB',
    });
    return [
      { figure: `next issue: click to page map interactive (${STEPS} steps, to ${last})`, value: `median ${median(steps).toFixed(1)}, max ${Math.max(...steps).toFixed(1)}`, unit: 'ms' },
      ...SAMPLE_AT.map(row),
      {
        figure: `memory growth 10 -> ${STEPS} issues`, value: ratio.toFixed(2), unit: 'x', target: '<= 1.5 (issue 8)',
        budget: { pass: ratio <= 1.5, text: `memory after ${STEPS} issues ${ratio.toFixed(2)} times that after 10 (at most 1.5)` },
      },
    ];
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
}
