// End-to-end harness: a static file server on 127.0.0.1 and headless Chromium (Debian's) driven
// by playwright-core. Tests act as a reader would: by role and accessible name, never by timing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { cp, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The built app; BROADSHEET_DIST points elsewhere (e.g. a private build while others rebuild dist/).
export const DIST = process.env.BROADSHEET_DIST ?? join(ROOT, 'dist');

/** Runs the kit's debug binary, the one `cargo test --workspace` (make test's native stage) has
 * built: a release build would cost two minutes of the run for work that is mostly file writes. */
export function kit(...args) {
  const bin = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'broadsheet-kit');
  if (!existsSync(bin)) {
    execFileSync('cargo', ['test', '--workspace', '--locked', '--quiet', '--no-run'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  execFileSync(bin, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.pdf': 'application/pdf',
};

/**
 * Serves folders on 127.0.0.1 at an unused port. `mounts` maps URL prefixes to folders, longest
 * prefix first, e.g. { '/data/': '/tmp/broken', '/': DIST }. Every request is recorded.
 *
 * A test can break any path at runtime, the ways networks and hosts break:
 * `server.fault(match, kind)` where `match` is an exact path or a RegExp over the path, and
 * `server.clear(match)` (or `server.clear()` for all) mends it. Kinds (see `FAULTS`): '404',
 * '500', 'truncated' (declares the full Content-Length, sends half, closes), 'half' (half the body,
 * cleanly ended), 'wrong-type' (the real body as text/html, or text/plain for non-JSON), 'html' (a
 * web page instead, as a captive portal or a single-page-app fallback sends), 'slow' (the real
 * answer after `options.delay` ms, 10 s by default), 'hang' (no answer), 'drop' (the
 * connection is closed before any answer) and 'corrupt' (200 with bytes that are not the file's:
 * a gzip header, then garbage).
 *
 * Options: `headers` go on every answer (e.g. a Content-Security-Policy), and `pages` maps paths
 * to HTML answered in place of any file (a host page's variants).
 */
export async function serve(mounts, { headers = {}, pages = {} } = {}) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const requests = [];
  const faults = [];
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const head = (status, more = {}) => res.writeHead(status, { ...headers, ...more });
    const fault = faults.find((f) => (typeof f.match === 'string' ? f.match === path : f.match.test(path)));
    if (fault) {
      const kind = fault.kind;
      if (kind === 'drop') { req.socket.destroy(); return; }
      if (kind === 'hang') return;
      if (kind === '404' || kind === '500') { head(Number(kind), { 'content-type': 'text/plain' }).end('fault'); return; }
      if (kind === 'html') {
        head(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<!doctype html><title>Sign in</title><p>Sign in to use this network.</p>');
        return;
      }
      if (kind === 'corrupt') {
        head(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
          .end(Buffer.from('\x1f\x8b\x08garbage{"shards":[', 'latin1'));
        return;
      }
      if (kind === 'slow') await new Promise((ok) => setTimeout(ok, fault.options.delay ?? 10_000));
    }
    if (pages[path] !== undefined) { head(200, { 'content-type': TYPES['.html'] }).end(pages[path]); return; }
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (!prefix) { head(404).end(); return; }
    const base = mounts[prefix];
    let file = normalize(join(base, path.slice(prefix.length)));
    if (!file.startsWith(normalize(base))) { head(403).end(); return; }
    let body;
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      body = await readFile(file);
    } catch {
      head(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (fault?.kind === 'truncated') {
      head(200, { 'content-type': type, 'content-length': body.length });
      res.write(body.subarray(0, body.length >> 1), () => res.destroy());
      return;
    }
    if (fault?.kind === 'half') body = body.subarray(0, body.length >> 1);
    if (fault?.kind === 'wrong-type') type = extname(file) === '.json' ? 'text/html; charset=utf-8' : 'text/plain';
    head(200, { 'content-type': type });
    res.end(body);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  const same = (a, b) => String(a) === String(b);
  return {
    url,
    requests,
    fault(match, kind, options = {}) {
      if (!FAULTS.includes(kind)) throw new Error(`unknown fault ${kind}`);
      this.clear(match);
      faults.push({ match, kind, options });
    },
    clear(match) {
      for (let i = faults.length - 1; i >= 0; i--) if (match === undefined || same(faults[i].match, match)) faults.splice(i, 1);
    },
    // Hanging and slow answers would keep close() waiting: end their connections too.
    close: () => new Promise((ok) => { for (const s of sockets) s.destroy(); server.close(ok); }),
  };
}

/** The ways `serve()` can break a path. */
export const FAULTS = ['404', '500', 'truncated', 'half', 'wrong-type', 'html', 'slow', 'hang', 'drop', 'corrupt'];

/** A private copy of the demo archive in a new temp folder, for a test to break or extend. */
export async function demoCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-demo-'));
  await cp(join(ROOT, 'demo/data'), dir, { recursive: true });
  return dir;
}

/**
 * One headless Chromium and one server of the built app for all the tests of a file, started
 * before the first and closed after the last; `set(browser, server)` hands them over.
 */
export function shareBrowserAndApp(set) {
  let browser, server;
  before(async () => {
    browser = await launch();
    server = await serve({ '/': DIST });
    set(browser, server);
  });
  after(async () => {
    await server?.close();
    await browser?.close();
  });
}

/** Headless Chromium with the flags this closed network needs, and a fresh profile. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

/** A new page that fails the test on any console error or uncaught exception it records. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  // The app says when its first screen is in: the page image and the parts that come after it.
  await context.addInitScript(() => addEventListener('broadsheet:first-screen', () => { window.__bsFirstScreen = true; }));
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  return page;
}

/**
 * The page's address once the reader has written its state there. The reader writes it 50 ms
 * after the frame that shows a change (`SHOWN_MS`, src/url_state/history.rs), so that the click
 * is on the screen first: a timer of 100 ms set from the next frame runs after that write.
 * Read it here, not with `page.url()` right after an action, and before a reload that must keep it.
 */
export async function address(page) {
  return new URL(await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(() => ok(location.href), 100)))));
}

/**
 * Waits until the first screen is whole: the page image and the parts after it in, drawn, and
 * what they fetch for themselves (a month index) come; for comparing one page with another.
 */
export async function firstScreen(page) {
  await page.waitForFunction(() => window.__bsFirstScreen === true);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * A point on screen inside a region link's polygon (the centre of an L-shaped region's box may
 * lie outside it, and there the click reaches nothing), scrolled into view; null when none shows.
 */
export async function pointInRegion(link) {
  await link.locator('polygon').first().scrollIntoViewIfNeeded();
  return link.evaluate((a) => {
    const svg = a.ownerSVGElement;
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const poly of a.querySelectorAll('polygon')) {
      const b = poly.getBBox();
      // Scan a grid over the polygon's box for a point inside its fill.
      for (let fy = 0.5; fy < 1; fy += 0.1) for (let fx = 0.5; fx < 1; fx += 0.1) {
        for (const [x, y] of [[b.x + b.width * fx, b.y + b.height * fy], [b.x + b.width * (1 - fx), b.y + b.height * (1 - fy)]]) {
          const p = svg.createSVGPoint(); p.x = x; p.y = y;
          if (poly.isPointInFill(p)) {
            const cx = box.left + x * scale, cy = box.top + y * scale;
            if (cy >= 0 && cy <= window.innerHeight) return { x: cx, y: cy };
          }
        }
      }
    }
    return null;
  });
}

/**
 * Clicks a page-map region the way a reader does: at a point inside its polygon (the centre of
 * an L-shaped region's box may lie outside it). Options: `tap` (a touch instead of a click), or
 * `modifiers` (keys held, e.g. ['Control']) and `button` ('middle'). Returns the point clicked.
 */
export async function clickRegion(page, name, options = {}) {
  const link = page.getByRole('link', { name, exact: true }).and(page.locator('.bs-region'));
  await link.first().waitFor();
  const point = await pointInRegion(link.first());
  if (!point) throw new Error(`no visible point inside the region of ${name}`);
  if (options.tap) {
    await page.touchscreen.tap(point.x, point.y);
    return point;
  }
  // Modifier keys held through the click, as a reader's Ctrl-click or Shift-click.
  for (const key of options.modifiers ?? []) await page.keyboard.down(key);
  await page.mouse.click(point.x, point.y, { button: options.button ?? 'left' });
  for (const key of options.modifiers ?? []) await page.keyboard.up(key);
  return point;
}
