// Search of the whole archive at scale (issue 17). A synthetic Chinese daily, 50 articles an
// issue of about 1,000 characters each (sentences of the demo's own text, reshuffled, with
// 长征 in about one article in 50, 量子计算 in one in 500 and the English word Olympics in one in
// 100), is written for BENCH_SEARCH_YEARS years (default 1) ending 2016-12-31, and indexed by the
// kit (`broadsheet-kit search-index --jobs BENCH_SEARCH_JOBS`, default 2; each year is four
// quarter shards); the archive and its index are kept in target/bench-archive-search-Ny and
// reused while the generator, the kit's version and INDEXER hold.
// Figures: per shard the kit's build time, the indexer's peak memory, files and bytes; then per
// query, each cold (a fresh browser context) on a phone profile (4x CPU slowdown, and DevTools'
// Slow 4G emulated by the server for every response, the worker's included: 562.5 ms a request,
// 1.44 Mbit/s shared; JSON and JS gzipped as a CDN serves them), once the page has loaded (no request for half a second): the bytes of
// search/ fetched, the time from the query entered to the first result shown, and the longest
// main-thread task meanwhile; typed at once, and typed 5 s after the box took focus (the engine
// and the first shard are set up meanwhile, as for a person typing); the bytes of each further
// query of the last year in the same page; and the bytes of search/ fetched by the first load
// (none).
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { newPage, DIST, ROOT } from '../e2e/harness.mjs';

const YEARS = Number(process.env.BENCH_SEARCH_YEARS ?? 1);
const LAST_YEAR = 2016;
const PER_ISSUE = 50;
const GENERATOR = 1; // bump when the archive written changes
const INDEXER = 3; // bump when the index the kit writes changes (2: large years in parts; 3: archive.json names a first search's files)
// Shards built at once: each indexer works on one core and a part of a year needs about 2.6 GB.
const JOBS = Number(process.env.BENCH_SEARCH_JOBS ?? 2);
const DIR = join(ROOT, 'target', `bench-archive-search-${YEARS}y`);
const LATENCY_MS = 562.5;
const BYTES_PER_MS = (1.6e6 * 0.9) / 8 / 1000;
// BENCH_SEARCH_QUERIES (comma-separated) keeps some of them: across 30 years a common word's
// whole result takes minutes a query on the phone profile.
const ONLY = process.env.BENCH_SEARCH_QUERIES?.split(',');
const QUERIES = [
  ['1 character', '妇'], ['2 characters', '妇联'], ['2 characters', '长征'], ['4 characters', '量子计算'],
  ['English word', 'Olympics'], ['in nearly every article', '的'],
].filter(([, q]) => !ONLY || ONLY.includes(q));
const kb = (n) => (n / 1024).toFixed(1);
// How long a person takes from focusing the search box to pressing Enter on a short query.
const TYPING_MS = 5000;

/** A deterministic random sequence. */
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

async function sentences() {
  const out = new Set();
  for (const day of await readdir(join(ROOT, 'demo/data/issues'))) {
    const issue = JSON.parse(await readFile(join(ROOT, 'demo/data/issues', day, 'issue.json'), 'utf8'));
    for (const p of issue.pages) for (const a of p.articles) for (const b of a.body ?? []) {
      for (const s of (b.text ?? '').split('。')) if (s.trim().length > 8) out.add(`${s.trim()}。`);
    }
  }
  return [...out];
}

/** Writes the archive (issues and shared page images; month indexes and archive.json by the kit). */
async function writeArchive(kit) {
  await rm(DIR, { recursive: true, force: true });
  await mkdir(join(DIR, 'shared'), { recursive: true });
  const template = JSON.parse(await readFile(join(ROOT, 'demo/data/issues/2016-09-24/issue.json'), 'utf8'));
  for (const f of await readdir(join(ROOT, 'demo/data/issues/2016-09-24'))) {
    if (f.endsWith('.svg')) await cp(join(ROOT, 'demo/data/issues/2016-09-24', f), join(DIR, 'shared', f));
  }
  const archive = JSON.parse(await readFile(join(ROOT, 'demo/data/archive.json'), 'utf8'));
  delete archive.search;
  delete archive.search_start;
  delete archive.empty_months;
  const pool = await sentences();
  const regions = template.pages.flatMap((p) => p.articles.filter((a) => (a.kind ?? 'article') === 'article').map((a) => [p, a.regions]));
  const random = rng(17);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  let n = 0;
  for (let d = new Date(Date.UTC(LAST_YEAR - YEARS + 1, 0, 1)); d.getUTCFullYear() <= LAST_YEAR; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = d.toISOString().slice(0, 10);
    const pages = template.pages.map((tp, k) => ({
      id: tp.id, number: tp.number, name: tp.name,
      image: { ...tp.image, src: `../../shared/${tp.image.src}`, renditions: tp.image.renditions.map((r) => ({ ...r, src: `../../shared/${r.src}` })) },
      articles: [],
    }));
    for (let i = 0; i < PER_ISSUE; i++) {
      const [tp, rs] = regions[i % regions.length];
      const page = pages.find((p) => p.id === tp.id);
      const paragraphs = [];
      let length = 0;
      while (length < 1000) {
        let s = pick(pool);
        n++;
        if (n % 50 === 0) s = `纪念长征胜利八十周年，${s}`;
        if (n % 500 === 0) s = `量子计算研究取得新进展，${s}`;
        if (n % 100 === 0) s = `Olympics ${s}`;
        paragraphs.push({ type: 'paragraph', text: s });
        length += s.length;
      }
      page.articles.push({ id: `a${String(i + 1).padStart(3, '0')}`, kind: 'article', title: pick(pool).slice(0, 18), body: paragraphs, regions: rs });
    }
    const issue = { version: 1, date, pages };
    await mkdir(join(DIR, 'issues', date), { recursive: true });
    await writeFile(join(DIR, 'issues', date, 'issue.json'), JSON.stringify(issue));
  }
  archive.first = `${LAST_YEAR - YEARS + 1}-01-01`;
  archive.last = `${LAST_YEAR}-12-31`;
  await writeFile(join(DIR, 'archive.json'), JSON.stringify(archive, null, 2));
  kit(['index', DIR]);
}

/** The kit's lines for the shards it built (`shard 2016-04: 4550 articles in 22.9 s, peak memory 2589 MB, 5028 files, 20.7 MB`):
 * each shard's with a few, else the spread over all of them, and the whole run's time. */
export function shardRows(text, jobs) {
  const shards = [...text.matchAll(/shard ([\d-]+): (\d+) articles in ([\d.]+) s(?:, peak memory (\d+) MB)?, (\d+) files, ([\d.]+) MB/g)]
    .map(([, name, articles, s, mem, files, mbytes]) => ({ name, articles: +articles, s: +s, mem: mem ? +mem : null, files: +files, mbytes: +mbytes }));
  const rows = [];
  const spread = (xs) => {
    const v = [...xs].sort((a, b) => a - b);
    return `${v[0]}-${v[v.length - 1]}, median ${v[Math.floor(v.length / 2)]}`;
  };
  if (shards.length <= 4) {
    for (const x of shards) {
      rows.push({ figure: `shard ${x.name} (${x.articles} articles): build time`, value: x.s, unit: 's', target: '<= 120' });
      if (x.mem) rows.push({ figure: `shard ${x.name}: indexer peak memory`, value: (x.mem / 1000).toFixed(2), unit: 'GB', target: '<= 8' });
      rows.push({ figure: `shard ${x.name}: files, size`, value: `${x.files}, ${x.mbytes}`, unit: 'files, MB' });
    }
  } else if (shards.length) {
    rows.push({ figure: `${shards.length} shards (${spread(shards.map((x) => x.articles))} articles): build time each, ${jobs} at once`, value: spread(shards.map((x) => x.s)), unit: 's', target: '<= 120' });
    const mem = shards.filter((x) => x.mem).map((x) => (x.mem / 1000).toFixed(2));
    if (mem.length) rows.push({ figure: 'indexer peak memory, per shard', value: spread(mem.map(Number)), unit: 'GB', target: '<= 8' });
    rows.push({ figure: 'all shards: files, size', value: `${shards.reduce((n, x) => n + x.files, 0)}, ${shards.reduce((n, x) => n + x.mbytes, 0).toFixed(1)}`, unit: 'files, MB' });
  }
  const total = text.match(/shard\(s\) built .*; ([\d.]+) s$/m);
  if (total) rows.push({ figure: `the whole index built (${jobs} shard(s) at once)`, value: total[1], unit: 's' });
  return rows;
}

/** The app and the archive, every response delayed and paced as on Slow 4G (a shared link). */
export async function slowServer() {
  let linkFree = 0;
  const log = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [base, rest] = path.startsWith('/data/') ? [DIR, path.slice(6)] : [DIST, path.slice(1)];
    let body, file;
    try {
      file = join(base, rest || 'index.html');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      body = await readFile(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    // Text compressed as a static host or CDN does (Pagefind's own files are gzip inside).
    const zipped = /\.(js|json|html|css|svg)$/.test(file) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    if (zipped) body = gzipSync(body);
    log.push({ path, bytes: body.length });
    const now = performance.now();
    const start = Math.max(now + LATENCY_MS, linkFree);
    linkFree = start + body.length / BYTES_PER_MS;
    await new Promise((ok) => setTimeout(ok, linkFree - now));
    const type = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.html': 'text/html' }[file.match(/\.[a-z]+$/)?.[0]] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, ...(zipped ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}) }).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, log, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }) };
}

/** The reader in a fresh context on the phone's CPU, the whole archive chosen with `range`, once
 * its first load is over: its page image and thumbnails would otherwise hold the slow link (and
 * the browser's six connections) for seconds, and the search would be charged for them. */
async function readerPage(browser, server, range) {
  const page = await newPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${server.url}/?in=archive${range}`);
  await page.locator('.bs-region').first().waitFor({ state: 'attached', timeout: 120_000 });
  await page.locator('.bs-search-archive').waitFor();
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  return page;
}

/** One cold query: bytes of search/ fetched, time to the first result, longest task. */
export async function query(browser, server, q, range, typing = 0, whole = true) {
  const say = (m) => process.env.BENCH_VERBOSE && console.error(`${q}${range}: ${m}`);
  const page = await readerPage(browser, server, range);
  say('loaded');
  const before = server.log.length;
  await page.evaluate(() => {
    window.__long = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long = Math.max(window.__long, e.duration); }).observe({ type: 'longtask' });
    window.__first = new Promise((ok) => {
      const seen = () => document.querySelector('.bs-search-result') && ok(performance.now());
      new MutationObserver(seen).observe(document.body, { childList: true, subtree: true });
    });
    document.querySelector('.bs-search-input').addEventListener('change', () => { window.__asked = performance.now(); }, { once: true });
  });
  // A person focuses the box and takes a while to type (the engine and the first shard start
  // meanwhile); a typed-at-once query has none of that.
  if (typing) {
    await page.locator('.bs-search-input').focus();
    await page.waitForTimeout(typing);
  }
  await page.locator('.bs-search-input').fill(q);
  await page.locator('.bs-search-input').press('Enter');
  say('entered');
  const first = await page.evaluate(() => window.__first.then((t) => t - window.__asked));
  say(`first result after ${first} ms`);
  if (!whole) {
    const bytes = server.log.slice(before).filter((r) => r.path.includes('/search/')).reduce((s, r) => s + r.bytes, 0);
    await page.context().close();
    return { first, bytes, long: null, found: '' };
  }
  // The whole result: every shard searched (the status says so).
  await page.locator('.bs-search-archive [role=status]').filter({ hasText: /共检索|Stopped|已停止|没有找到/ }).waitFor({ timeout: 600_000 });
  const firstBytes = server.log.slice(before).filter((r) => r.path.includes('/search/')).reduce((s, r) => s + r.bytes, 0);
  const long = await page.evaluate(() => window.__long);
  const found = await page.locator('.bs-search-archive [role=status]').innerText();
  await page.context().close();
  return { first, bytes: firstBytes, long, found };
}

/** Queries one after another in one page, the first cold: the bytes of search/ each further one
 * fetched, once every shard has answered and the records shown have loaded. */
export async function further(browser, server, range, queries) {
  const page = await readerPage(browser, server, range);
  const out = [];
  for (const q of queries) {
    const before = server.log.length;
    const box = page.locator('.bs-search-input');
    await box.fill(q);
    await box.press('Enter');
    // Done: the address holds the query, no Stop button, the status says so, and no request for
    // a second (the records shown).
    await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, q);
    await page.getByRole('button', { name: /停止检索|Stop searching/ }).waitFor({ state: 'hidden', timeout: 600_000 });
    await page.locator('.bs-search-archive [role=status]').filter({ hasText: /共检索|没有找到/ }).waitFor({ timeout: 600_000 });
    for (let n = -1; n !== server.log.length;) { n = server.log.length; await page.waitForTimeout(1000); }
    out.push({ q, bytes: server.log.slice(before).filter((r) => r.path.includes('/search/')).reduce((t, r) => t + r.bytes, 0) });
  }
  await page.context().close();
  return out;
}

export default async function ({ browser }) {
  // The kit's output, stdout and stderr together (it prints each shard on stderr as it is built).
  const kitRun = (args) => {
    const r = spawnSync('cargo', ['run', '--release', '--quiet', '--locked', '-p', 'broadsheet-kit', '--', ...args],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`broadsheet-kit ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    return `${r.stdout}${r.stderr}`;
  };
  const stamp = join(DIR, '.bench-stamp');
  const archiveWanted = `${GENERATOR} ${kitRun(['--version']).trim()}`;
  const want = `${archiveWanted} index ${INDEXER}`;
  let built = [];
  const have = await readFile(stamp, 'utf8').catch(() => '');
  if (have.split('\n')[0] !== want) {
    // The archive is written again only when it changed; the index is updated (the kit builds
    // what its fingerprints say changed: after a change of the shards' split, all of them).
    if (have.split('\n')[0].split(' index ')[0] !== archiveWanted) await writeArchive(kitRun);
    const out = kitRun(['search-index', DIR, '--jobs', String(JOBS)]);
    // A run that built no shard (only the engine or archive.json changed) keeps the figures of
    // the run that built them.
    const rows = shardRows(out, JOBS);
    built = rows.some((r) => r.figure.includes('build time')) ? rows : JSON.parse(have.split('\n')[1] || '[]');
    await writeFile(stamp, `${want}\n${JSON.stringify(built)}`);
  } else {
    built = JSON.parse(have.split('\n')[1]);
  }
  const rows = [...built];
  const server = await slowServer();
  try {
    // The first load: nothing of search/ (the scope chosen, no query yet).
    const page = await newPage(browser);
    await page.goto(`${server.url}/?in=archive`);
    await page.locator('.bs-search-archive').waitFor({ timeout: 120_000 });
    await page.context().close();
    const first = server.log.filter((r) => r.path.includes('/search/')).reduce((s, r) => s + r.bytes, 0);
    rows.push({ figure: 'first load: bytes of search/ fetched', value: first, unit: 'B', target: '0' });
    const engine = (await readdir(join(DIR, 'search/engine'))).filter((f) => /worker|wasm/.test(f));
    let engineBytes = 0;
    for (const f of engine) engineBytes += (await stat(join(DIR, 'search/engine', f))).size;
    rows.push({ figure: 'engine (worker + wasm)', value: kb(engineBytes), unit: 'KB' });
    const ranges = [['all years', '']];
    if (YEARS > 1) ranges.push([`year ${LAST_YEAR}`, `&from=${LAST_YEAR}-01-01&to=${LAST_YEAR}-12-31`]);
    else ranges.push([`one month`, `&from=${LAST_YEAR}-03-01&to=${LAST_YEAR}-03-31`]);
    for (const [kind, q] of QUERIES) {
      const r = await query(browser, server, q, '', TYPING_MS);
      rows.push({ figure: `${q} (${kind}), all years, typed ${TYPING_MS / 1000} s after focus: bytes, first results, longest task`, value: `${kb(r.bytes)} KB, ${(r.first / 1000).toFixed(2)} s, ${Math.round(r.long)} ms`, unit: r.found, target: '<= 3 s' });
    }
    for (const [label, range] of ranges) {
      // Limited to a range: the queries whose cost depends most on how much of the index they read.
      for (const [kind, q] of range ? QUERIES.filter(([, q]) => ['妇联', '的'].includes(q)) : QUERIES) {
        const r = await query(browser, server, q, range);
        rows.push({ figure: `${q} (${kind}), ${label}, cold: bytes, first results, longest task`, value: `${kb(r.bytes)} KB, ${(r.first / 1000).toFixed(2)} s, ${Math.round(r.long)} ms`, unit: r.found, target: '<= 400 KB one year; <= 3 s; <= 200 ms' });
      }
    }
    // Further queries in the same page, limited to the last year (or the month of a one-year
    // archive): what each costs once the engine and the shards' start-up files are in.
    const [label, range] = ranges[1];
    const [head, ...rest] = QUERIES.map(([, q]) => q);
    for (const f of (rest.length ? await further(browser, server, range, [head, ...rest]) : []).slice(1)) {
      rows.push({ figure: `${f.q}, ${label}, after another query in the same page: bytes`, value: kb(f.bytes), unit: 'KB', target: '<= 60 KB' });
    }
  } finally {
    await server.close();
  }
  return rows;
}
