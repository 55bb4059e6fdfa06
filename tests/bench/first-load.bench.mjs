// First load (issue 16): the app beside its floor, a plain-JS page that takes the same steps and
// nothing more (tests/bench/first-load-floor: archive.json, the newest issue, its first page's
// image with the map's srcset and sizes, the regions over it as SVG). Data: the Beaver County News
// page imported by the release kit. Each side on its own 127.0.0.1 origin, served as a CDN would:
// brotli -q 11 (compressed once), images as they are. Runs alternate app and floor, each in a
// fresh browser context (cold cache) with service workers blocked. Phone: 390 x 844 at 3x, touch,
// Lighthouse's slow 4G and 4x CPU; desktop: 1280 x 900, loopback, no throttling.
//
// "Readable" = the page image complete (naturalWidth > 0) and its region polygons in the DOM,
// timed inside the page from navigation start by an init script (MutationObserver and load
// events); first contentful paint from the Paint Timing entry; bytes before readable =
// encodedDataLength (DevTools Network.loadingFinished) of the requests the page had finished at
// the readable moment (its Resource Timing, the same clock). Median of BENCH_RUNS (6) per side.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { newPage, DIST, ROOT } from '../e2e/harness.mjs';
import { assets, LOADER } from '../../scripts/write-loader.mjs';

const SHARED = join(process.env.SHARED_DATA ?? join(ROOT, '../shared/data'), '01-beaver-county-news-1916-05-12-p1');
const FLOOR = join(dirname(fileURLToPath(import.meta.url)), 'first-load-floor');
const RUNS = Number(process.env.BENCH_RUNS) || 6;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

// Lighthouse's slow 4G as DevTools throttling applies it: 150 ms RTT x 3.75 per request, 1.6 Mbit/s
// down and 750 kbit/s up x 0.9 (Lighthouse's kbit is 1024 bits; DevTools takes bytes per second).
const SLOW_4G = {
  offline: false, latency: 150 * 3.75, connectionType: 'cellular4g',
  downloadThroughput: Math.floor((1.6 * 1024 * 0.9 * 1024) / 8), uploadThroughput: Math.floor((750 * 0.9 * 1024) / 8),
};
const PROFILES = {
  phone: { options: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }, network: SLOW_4G, rate: 4 },
  desktop: { options: { viewport: { width: 1280, height: 900 } }, network: null, rate: 1 },
};
// What "readable" looks for on each side (the app's selectors checked against dist/ by loading it).
const SIDES = {
  app: { img: '.bs-page-image', polygon: '.bs-region polygon' },
  floor: { img: '#page img', polygon: '#page .region polygon' },
};

// ---- A CDN on loopback -------------------------------------------------------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp',
};
const COMPRESSED = new Set(['.html', '.js', '.css', '.json', '.wasm', '.svg']);
const brotli = (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
const squeezed = new Map(); // file -> brotli body, shared by both servers

/** Every file under `dir` but those under `skip`, read (and brotli-compressed) once, keyed by its
 *  URL path under `prefix`. In memory: dist/ may be rebuilt while the bench runs, and every run
 *  must get the same files. */
async function snapshot(dir, prefix = '/', skip = null) {
  const files = new Map();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = join(e.parentPath ?? e.path, e.name);
    const rel = relative(dir, file);
    if (!e.isFile() || (skip && rel.startsWith(skip))) continue;
    const body = await readFile(file);
    const ext = extname(file);
    if (COMPRESSED.has(ext) && !squeezed.has(file)) squeezed.set(file, brotli(body));
    files.set(prefix + rel, { body, br: COMPRESSED.has(ext) ? squeezed.get(file) : null, type: TYPES[ext] ?? 'application/octet-stream' });
  }
  return files;
}

/** Serves a snapshot on 127.0.0.1 (its own port, so its own origin). */
async function cdn(files, headers = {}) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const f = files.get(path);
    if (!f) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    const br = f.br && /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
    const body = br ? f.br : f.body;
    res.writeHead(200, {
      ...headers, 'content-type': f.type, 'content-length': body.length, 'cache-control': 'public, max-age=300', vary: 'accept-encoding',
      ...(br ? { 'content-encoding': 'br' } : {}),
    });
    res.end(body);
  });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => { for (const s of sockets) s.destroy(); server.close(ok); }) };
}

/** dist/ in memory, once its index.html, loader and the hashed files they name are all there
 *  (a rebuild in progress has some of them missing). */
async function distSnapshot() {
  for (let attempt = 1; ; attempt++) {
    // Not its demo archive: the imported one is mounted at /data/ instead.
    const files = await snapshot(DIST, '/', 'data/');
    try {
      const named = assets(files.get('/index.html').body.toString());
      const loader = files.get(`/${LOADER}`).body.toString();
      if (Object.values(named).every((a) => files.has(`/${a.href}`) && loader.includes(a.href))) return { files, wasm: `/${named.wasm.href}` };
    } catch {
      // not all there yet
    }
    if (attempt === 10) throw new Error(`${DIST} is not a whole build (index.html, ${LOADER} and the files they name)`);
    await new Promise((ok) => setTimeout(ok, 10_000));
  }
}

// ---- One run -----------------------------------------------------------------------------------

// Installed before the page's own scripts: notes the moment the page image is complete and the
// regions are in the DOM, which requests had finished by then, and first contentful paint.
const READABLE = ({ img, polygon }) => {
  const bench = (window.__bench = {});
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') bench.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const check = () => {
    const i = document.querySelector(img);
    if (bench.readable !== undefined || !i?.complete || !(i.naturalWidth > 0) || !document.querySelector(polygon)) return;
    const now = performance.now();
    bench.readable = now;
    bench.image = i.currentSrc;
    bench.done = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
      .filter((e) => e && e.responseEnd > 0 && e.responseEnd <= now).map((e) => e.name);
    observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['src', 'srcset'] });
  // An <img>'s load, in the capture phase: a load event never reaches the window.
  document.addEventListener('load', check, true);
};

async function once(browser, url, side, profile) {
  const page = await newPage(browser, { locale: 'en-US', serviceWorkers: 'block', ...profile.options });
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map(); // requestId -> { url, bytes, encoding }
  cdp.on('Network.requestWillBeSent', (e) => { if (!requests.has(e.requestId)) requests.set(e.requestId, { url: e.request.url }); });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? '';
  });
  cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) r.bytes = e.encodedDataLength; });
  // Throttling in place before the navigation starts.
  await cdp.send('Network.enable');
  if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.rate });
  await page.addInitScript(READABLE, SIDES[side]);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    // Only to know when to read: the times are the page's own. Polled slowly, not to load the CPU.
    await page.waitForFunction(() => window.__bench.readable !== undefined && window.__bench.fcp !== undefined, null, { timeout: 120_000, polling: 250 });
    const b = await page.evaluate(() => window.__bench);
    // The requests finished before readable, in the order asked, with their bytes on the wire.
    const finished = [...requests.values()].filter((r) => r.bytes !== undefined);
    const before = [];
    for (const name of b.done) {
      const i = finished.findIndex((r) => r.url === name);
      if (i >= 0) before.push(...finished.splice(i, 1));
    }
    return { readable: b.readable, fcp: b.fcp, image: b.image, before, errors: page.errors };
  } finally {
    await page.context().close();
  }
}

// ---- Rows --------------------------------------------------------------------------------------

/** A URL's path, without trunk's content hash. */
const path = (u) => new URL(u).pathname.replace(/-[0-9a-f]{15,16}(?=[._])/, '');
const kB = (n) => (n / 1000).toFixed(n < 10_000 ? 1 : 0);
const sum = (rs) => rs.reduce((n, r) => n + r.bytes, 0);
const pair = (a, f, digits = 0) => `${a.toFixed(digits)} / ${f.toFixed(digits)} = ${(a / f).toFixed(2)} x`;

/** The run nearest the median readable time, for the list of what it loaded. */
const typical = (runs) => { const m = median(runs.map((r) => r.readable)); return runs.reduce((a, r) => (Math.abs(r.readable - m) < Math.abs(a.readable - m) ? r : a)); };

async function importBeaver() {
  const mets = join(SHARED, 'articles_1916051201.xml');
  if (!existsSync(mets)) return null;
  execFileSync('cargo', ['build', '--release', '--quiet', '--locked', '-p', 'broadsheet-kit'], { cwd: ROOT, stdio: 'inherit' });
  const dir = await mkdtemp(join(tmpdir(), 'bs-first-load-'));
  execFileSync(join(ROOT, 'target/release/broadsheet-kit'), ['import', 'mets-alto', mets, '--archive', dir,
    '--paper', 'Beaver County News', '--language', 'en'], { cwd: ROOT, stdio: 'pipe' }); // its warnings: pages 2-10 have no image
  return dir;
}

export default async function ({ browser }) {
  const archive = await importBeaver();
  if (!archive) return [{ figure: 'first load, app beside its floor', value: 'skipped: ../shared/data not present (SHARED_DATA)', unit: '' }];
  const rows = [];
  const servers = [];
  try {
    const dist = await distSnapshot();
    const data = await snapshot(archive, '/data/');
    const wasm = dist.files.get(dist.wasm);
    rows.push({ figure: `${path(`http://x${dist.wasm}`).slice(1)}, brotli -q 11`, value: (wasm.br.length / 1024).toFixed(1), unit: 'KiB', target: '<= 200 KiB' });
    // The parts the first screen does without (src/part.rs), fetched once its page image is in.
    const parts = [...dist.files].filter(([p]) => /^\/broadsheet-parts-[0-9a-f]{16}\//.test(p));
    const partBytes = parts.reduce((n, [, f]) => n + (f.br ?? f.body).length, 0);
    rows.push({ figure: `the parts, after the first screen (${parts.length} files), brotli -q 11`, value: (partBytes / 1024).toFixed(1), unit: 'KiB' });
    const app = await cdn(new Map([...dist.files, ...data]), { 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:" });
    servers.push(app);
    const floor = await cdn(new Map([...(await snapshot(FLOOR)), ...data]), { 'content-security-policy': "script-src 'self'" });
    servers.push(floor);
    const urls = { app: app.url, floor: floor.url };
    const errors = new Set();
    const images = new Set();
    const plain = new Set();
    for (const [name, profile] of Object.entries(PROFILES)) {
      const runs = { app: [], floor: [] };
      for (let i = 0; i < RUNS; i++) {
        for (const side of ['app', 'floor']) {
          const r = await once(browser, urls[side], side, profile);
          runs[side].push(r);
          for (const e of r.errors) errors.add(`${side}: ${e}`);
          images.add(`${side} ${name} ${path(r.image).split('/').pop()}`);
          for (const q of r.before) if (COMPRESSED.has(extname(new URL(q.url).pathname) || '.html') && q.encoding !== 'br') plain.add(path(q.url));
        }
      }
      const m = (side, k) => median(runs[side].map(k));
      const label = name === 'phone' ? 'phone (slow 4G, 4x CPU)' : 'desktop (loopback)';
      const of = `app / floor, median of ${RUNS}`;
      rows.push({ figure: `${label}: readable, ${of}`, value: pair(m('app', (r) => r.readable), m('floor', (r) => r.readable)), unit: 'ms',
        target: name === 'phone' ? '<= 1.15 x floor' : '<= 1.5 x floor' });
      rows.push({ figure: `${label}: first contentful paint, ${of}`, value: pair(m('app', (r) => r.fcp), m('floor', (r) => r.fcp)), unit: 'ms',
        target: name === 'phone' ? '<= 1.5 x floor' : '' });
      if (name === 'phone') {
        rows.push({ figure: `${label}: bytes before readable, ${of}`, value: pair(m('app', (r) => sum(r.before)) / 1000, m('floor', (r) => sum(r.before)) / 1000), unit: 'KB' });
        rows.push({ figure: `${label}: requests before readable, ${of}`, value: `${m('app', (r) => r.before.length)} / ${m('floor', (r) => r.before.length)}`, unit: '' });
        const list = (qs) => qs.map((q) => `${path(q.url)} ${kB(q.bytes)}`).join(', ');
        const [a, f] = [typical(runs.app).before, typical(runs.floor).before];
        rows.push({ figure: `${label}: the app's requests before readable (its run nearest the median)`, value: list(a), unit: 'KB each' });
        rows.push({ figure: `${label}: the floor's`, value: list(f), unit: 'KB each' });
        const only = a.filter((q) => !f.some((x) => path(x.url) === path(q.url)));
        rows.push({ figure: `${label}: what the app loads before readable and the floor does not`, value: `${list(only)} (${kB(sum(only))} in all)`, unit: 'KB' });
      }
    }
    // Both sides must show the same rendition, or the race is not the same.
    const shown = new Set([...images].map((i) => i.split(' ').pop()));
    rows.push({ figure: 'page image shown (currentSrc), app and floor, phone and desktop', value: shown.size === 1 ? `${[...shown][0]} in every run` : `DIFFERENT: ${[...images].join(', ')}`, unit: '' });
    if (plain.size) rows.push({ figure: 'sent without brotli (should be none)', value: [...plain].join(', '), unit: '' });
    if (errors.size) rows.push({ figure: 'console errors', value: [...errors].join(' | '), unit: '' });
  } finally {
    for (const s of servers) await s.close();
    await rm(archive, { recursive: true, force: true });
  }
  return rows;
}
