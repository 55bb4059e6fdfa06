// End-to-end harness: a static file server on 127.0.0.1 and headless Chromium (Debian's) driven
// by playwright-core. Tests act as a reader would: by role and accessible name, never by timing.
import { createServer } from 'node:http';
import { cp, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The built app; BROADSHEET_DIST points elsewhere (e.g. a private build while others rebuild dist/).
export const DIST = process.env.BROADSHEET_DIST ?? join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.pdf': 'application/pdf',
};

/**
 * Serves folders on 127.0.0.1 at an unused port. `mounts` maps URL prefixes to folders, longest
 * prefix first, e.g. { '/data/': '/tmp/broken', '/': DIST }. Every request is recorded.
 */
export async function serve(mounts) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (!prefix) { res.writeHead(404).end(); return; }
    const base = mounts[prefix];
    let file = normalize(join(base, path.slice(prefix.length)));
    if (!file.startsWith(normalize(base))) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, requests, close: () => new Promise((ok) => server.close(ok)) };
}

/** A private copy of the demo archive in a new temp folder, for a test to break or extend. */
export async function demoCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-demo-'));
  await cp(join(ROOT, 'demo/data'), dir, { recursive: true });
  return dir;
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
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  return page;
}

/**
 * Clicks a page-map region the way a reader does: at a point inside its polygon (the centre of
 * an L-shaped region's box may lie outside it). Returns the point clicked, in CSS pixels.
 */
export async function clickRegion(page, name, options = {}) {
  const link = page.getByRole('link', { name, exact: true }).and(page.locator('.bs-region'));
  await link.first().waitFor();
  await link.first().locator('polygon').first().scrollIntoViewIfNeeded();
  const point = await link.first().evaluate((a) => {
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
  if (!point) throw new Error(`no visible point inside the region of ${name}`);
  if (options.tap) await page.touchscreen.tap(point.x, point.y);
  else await page.mouse.click(point.x, point.y);
  return point;
}
