// The page's own text (issue 18): a real page's words file beside its image, and what turning the
// text on costs. Data: the Evening Star, 26 August 1916, page 1 (NDNP ALTO, 5,814 words; shared
// data 02), imported by the kit; the Beaver County News page (3,638 words, the committed demo)
// when the shared data is not beside the checkout. Desktop (1280 px, no throttling) and the phone
// profile (390 px at 3x, 4x CPU): from the click on "Select text" (the page image painted) to the
// layer written (User Timing mark broadsheet:text-ready), and the longest main-thread task in
// between (Long Tasks API: every task over 50 ms), median of 3. Then memory as a reader reads 50
// pages with the text on: the issue's page copied 50 times (each its own words file), turned
// with the next-page key; JS heap (after a collection), wasm memory and DOM elements after page 1,
// 10 and 50.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { serve, newPage, DIST, ROOT } from '../e2e/harness.mjs';

const SHARED = join(ROOT, '../shared/data/02-evening-star-1916-08-26-p1');
const RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const PROFILES = {
  desktop: { options: { viewport: { width: 1280, height: 900 } }, rate: 1 },
  phone: { options: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }, rate: 4 },
};

/** The archive to read and the date of its page with words. */
async function archive() {
  const mets = existsSync(SHARED) && (await readdir(SHARED)).find((f) => /^\d{10}\.xml$/.test(f));
  if (!mets) return { dir: join(ROOT, 'demo/beaver'), date: '1916-05-12', name: 'Beaver County News p. 1', temp: false };
  execFileSync('cargo', ['build', '--release', '--quiet', '--locked', '-p', 'broadsheet-kit'], { cwd: ROOT, stdio: 'inherit' });
  const dir = await mkdtemp(join(tmpdir(), 'bs-text-'));
  execFileSync(join(ROOT, 'target/release/broadsheet-kit'), ['import', 'mets-alto', join(SHARED, mets), '--archive', dir,
    '--paper', 'Evening Star', '--language', 'en'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir, date: '1916-08-26', name: 'Evening Star p. 1', temp: true };
}

async function once(browser, url, profile) {
  const page = await newPage(browser, { locale: 'en-US', ...profile.options });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.rate });
  await page.goto(url);
  await page.waitForFunction(() => {
    const img = document.querySelector('.bs-page-image');
    return img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 120_000 });
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask' });
  });
  const clicked = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Select text' }).click();
  await page.waitForFunction(() => performance.getEntriesByName('broadsheet:text-ready').length > 0, null, { timeout: 120_000 });
  // Long tasks are reported after they end: a frame later, all are in.
  await page.waitForTimeout(300);
  const r = await page.evaluate((t0) => {
    const at = (m) => performance.getEntriesByName(`broadsheet:text-${m}`)[0].startTime;
    // Reading the file (JSON to laid-out lines) ends at its mark; writing the layer follows.
    const laid = at('laid-out');
    const longest = (keep) => Math.max(0, ...window.__long.filter(keep).map(([, d]) => d));
    return {
      ready: at('ready') - t0,
      reading: longest(([start]) => start < laid),
      writing: longest(([start]) => start >= laid),
      words: document.querySelectorAll('.bs-text-word').length,
    };
  }, clicked);
  await page.context().close();
  return r;
}

/** The issue's page with words, 50 times over (ids p1..p50), each with its own words file. */
async function fiftyPages(folder, issue, p) {
  const words = JSON.parse(await readFile(join(folder, p.words), 'utf8'));
  const pages = [];
  for (let n = 1; n <= 50; n++) {
    const id = `p${n}`;
    await writeFile(join(folder, `${id}-50.words.json`), JSON.stringify({ ...words, page: id }));
    pages.push({ ...p, id, number: String(n), name: `Page ${n}`, words: `${id}-50.words.json`,
      articles: p.articles.map((a) => ({ ...a, id: `${a.id}-${n}` })) });
  }
  // The words' lines name articles of the page: renamed with it.
  for (let n = 1; n <= 50; n++) {
    const file = join(folder, `p${n}-50.words.json`);
    const w = JSON.parse(await readFile(file, 'utf8'));
    for (const l of w.lines) if (l.article) l.article = `${l.article}-${n}`;
    await writeFile(file, JSON.stringify(w));
  }
  await writeFile(join(folder, 'issue.json'), JSON.stringify({ ...issue, pages, ranking: [] }));
}

/** Memory and DOM after reading pages 1 to 50 with the text on. */
async function fifty(browser, url) {
  const page = await newPage(browser, { locale: 'en-US', viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  await page.goto(`${url}&page=p1`);
  await page.getByRole('button', { name: 'Select text' }).click();
  const cdp = await page.context().newCDPSession(page);
  const out = {};
  for (let n = 1; n <= 50; n++) {
    if (n > 1) {
      await page.evaluate(() => performance.clearMarks('broadsheet:text-ready'));
      await page.getByRole('button', { name: /Next page|下一版/ }).first().click();
      await page.waitForURL(new RegExp(`page=p${n}(&|$)`));
    }
    await page.waitForFunction(() => performance.getEntriesByName('broadsheet:text-ready').length > 0, null, { timeout: 60_000 });
    if ([1, 10, 50].includes(n)) {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
      const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
      out[n] = { heap: usedSize / 1048576, wasm: wasm / 1048576, nodes };
    }
  }
  await page.context().close();
  return out;
}

export default async function ({ browser }) {
  const data = await archive();
  const rows = [];
  try {
    const folder = join(data.dir, 'issues', data.date);
    const issue = JSON.parse(await readFile(join(folder, 'issue.json'), 'utf8'));
    const p = issue.pages.find((x) => x.words);
    const text = await readFile(join(folder, p.words));
    const words = JSON.parse(text).lines.reduce((n, l) => n + l.words.length, 0);
    const image = (await stat(join(folder, p.image.src))).size;
    const phone = p.image.renditions.find((r) => r.width >= 1000) ?? p.image.renditions[0];
    const phoneBytes = phone ? (await stat(join(folder, phone.src))).size : image;
    rows.push({ figure: `${data.name}: words in its words file`, value: words, unit: 'words' });
    rows.push({ figure: 'words file, raw / brotli', value: `${(text.length / 1024).toFixed(0)} / ${(brotliCompressSync(text).length / 1024).toFixed(0)}`, unit: 'KB' });
    rows.push({ figure: 'beside: page image full / phone rendition', value: `${(image / 1024).toFixed(0)} / ${(phoneBytes / 1024).toFixed(0)}`, unit: 'KB' });
    const server = await serve({ '/data/': data.dir, '/': DIST });
    try {
      for (const [name, profile] of Object.entries(PROFILES)) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await once(browser, `${server.url}/?date=${data.date}&page=${p.id}`, profile));
        rows.push({ figure: `${name}: "Select text" → words on the page (${runs[0].words} words)`, value: median(runs.map((r) => r.ready)).toFixed(0), unit: 'ms' });
        const target = name === 'phone' ? '≤ 50 (4x CPU)' : '';
        rows.push({ figure: `${name}: longest task reading the file (0: none over 50 ms)`, value: median(runs.map((r) => r.reading)).toFixed(0), unit: 'ms', target });
        rows.push({ figure: `${name}: longest task writing the layer`, value: median(runs.map((r) => r.writing)).toFixed(0), unit: 'ms', target });
      }
      // 50 pages read with the text on.
      if (data.temp) {
        await fiftyPages(folder, issue, p);
        const m = await fifty(browser, `${server.url}/?date=${data.date}`);
        for (const n of [1, 10, 50]) {
          rows.push({ figure: `desktop: after page ${n} of 50 read with the text on: JS heap / wasm / DOM elements`,
            value: `${m[n].heap.toFixed(1)} / ${m[n].wasm.toFixed(1)} MiB / ${m[n].nodes}`, unit: '', target: n === 50 ? 'no growth past the page shown' : '' });
        }
      }
    } finally {
      await server.close();
    }
  } finally {
    if (data.temp) await rm(data.dir, { recursive: true, force: true });
  }
  return rows;
}
