// Touch-screen phones: a 390x844 viewport at device scale 3 with touch, driven by synthesised
// touch events (Chrome DevTools Protocol Input.dispatchTouchEvent) as a finger would: pinch,
// pan, double-tap and swipe on the page image; taps on regions; the one-column phone layout with
// 44 px tap targets; the zoom buttons; a sharper rendition when zoomed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, newPage, firstScreen, DIST, demoCopy, shareBrowserAndApp, address } from './harness.mjs';
import { hostPage } from './host-page.mjs';
import {
  PHONE, SEED, phone as openPhone, touch, tap, toTop, regionPoint, controlsAreLargeEnough, articleCoversTheScreen,
} from './phone-checks.mjs';


let browser, server;
shareBrowserAndApp((b, s) => { browser = b; server = s; });

/** A phone showing `path` of the shared app. */
const phone = (path = '/', options = {}, base = server.url) => openPhone(browser, base, path, options);

const frames = (page, n = 2) => page.evaluate((n) => new Promise((done) => {
  const step = (k) => (k ? requestAnimationFrame(() => step(k - 1)) : done());
  step(n);
}), n);

/** The stage's transform once any transition has finished: { scale, x, y } in CSS px. */
async function zoomOf(page) {
  await frames(page);
  await page.waitForFunction(() => document.querySelector('.bs-zoom-stage').getAnimations().length === 0);
  return page.evaluate(() => {
    const m = new DOMMatrix(getComputedStyle(document.querySelector('.bs-zoom-stage')).transform);
    return { scale: m.a, x: m.e, y: m.f };
  });
}

/** The frame's box on screen (the page at scale 1). */
const frameBox = (page) => page.evaluate(() => {
  const r = document.querySelector('.bs-zoom').getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
});

async function stroke(page, paths, steps = 12) {
  await touch(page, 'touchStart', paths.map((p) => p[0]));
  for (let i = 1; i <= steps; i++) {
    const at = paths.map(([[x0, y0], [x1, y1]]) => [x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps]);
    await touch(page, 'touchMove', at);
  }
  await touch(page, 'touchEnd', []);
}

/** Two fingers `from` px apart spreading to `to` px apart around `centre`, horizontally. */
const pinch = (page, [cx, cy], from, to, steps) => stroke(page, [
  [[cx - from / 2, cy], [cx - to / 2, cy]],
  [[cx + from / 2, cy], [cx + to / 2, cy]],
], steps);

const pan = (page, from, by, steps) => stroke(page, [[from, [from[0] + by[0], from[1] + by[1]]]], steps);

const articleOpen = (page) => page.locator('#bs-article-title').count();

test('the phone layout is one column; the viewport never disables zoom', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const viewport = html.match(/<meta name="viewport" content="([^"]*)"/)[1];
  assert.doesNotMatch(viewport, /user-scalable\s*=\s*(no|0)|maximum-scale/);
  const page = await phone('/?page=p2');
  await page.evaluate(() => scrollTo(0, 0));
  // As the page opens, its controls are on screen in its lower part, within the thumb's reach.
  const bottom = async () => { const b = await page.locator('.bs-page-nav').boundingBox(); return b.y + b.height; };
  const inReach = async (what) => {
    const y = await bottom();
    assert.ok(y <= 844 + 0.5 && y >= 844 * 0.6, `${what}: page controls end at ${y}`);
  };
  await inReach('as the page opens');
  const layout = await page.evaluate(() => {
    const box = (s) => document.querySelector(s).getBoundingClientRect();
    return {
      scrollWidth: document.scrollingElement.scrollWidth, image: box('.bs-page-image').width,
      map: box('.bs-map'), reading: box('.bs-reading'), pages: box('.bs-pages'),
    };
  });
  assert.ok(layout.scrollWidth <= 390, `nothing scrolls sideways: ${layout.scrollWidth}`);
  assert.ok(layout.image >= 370, `the page fills the width: ${layout.image}`);
  assert.ok(layout.reading.top >= layout.map.bottom && layout.pages.top >= layout.reading.bottom, 'map, then titles, then pages');
  assert.ok(layout.reading.width >= 360, 'titles take the full width');
  await page.evaluate(() => scrollBy(0, document.querySelector('.bs-map').getBoundingClientRect().top));
  await inReach('scrolled to the page');
  // On a shorter screen (a phone on its side is wider than 700 px; this is a small phone) the
  // page runs past the bottom edge, and the controls stick to it.
  await page.setViewportSize({ width: 390, height: 500 });
  await page.evaluate(() => scrollTo(0, 150));
  const y = await bottom();
  assert.ok(Math.abs(y - 500) < 1, `stuck to the bottom edge: ${y}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: '下一版' }).tap();
  await page.waitForURL(/page=p3/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every control is at least 44 by 44 CSS pixels on a phone', () => controlsAreLargeEnough(browser, server.url));

test('pinch zooms around the fingers from 1x up to at least 6x, and never opens an article', async () => {
  const page = await phone('/?page=p2');
  const f = await frameBox(page);
  assert.deepEqual(await zoomOf(page), { scale: 1, x: 0, y: 0 });
  // Pinch over a region: fingers 60 px apart spreading to 180 px, around a point of the page.
  const centre = [f.left + f.width * 0.3, f.top + f.height * 0.4];
  const before = [centre[0] - f.left, centre[1] - f.top];
  await pinch(page, centre, 60, 180, 16);
  const z = await zoomOf(page);
  assert.ok(Math.abs(z.scale - 3) < 0.05, `three times the spread, three times the size: ${JSON.stringify(z)}`);
  // The page point that was under the fingers' centre is still under it.
  const under = [(centre[0] - f.left - z.x) / z.scale, (centre[1] - f.top - z.y) / z.scale];
  assert.ok(Math.hypot(under[0] - before[0], under[1] - before[1]) < 1.5, `zoomed around the centre: ${under} vs ${before}`);
  // Regions moved with the image: the region box is the image box scaled.
  const aligned = await page.evaluate(() => {
    const img = document.querySelector('.bs-page-image').getBoundingClientRect();
    const svg = document.querySelector('.bs-regions').getBoundingClientRect();
    return [img.left - svg.left, img.top - svg.top, img.width - svg.width, img.height - svg.height].every((d) => Math.abs(d) < 0.5);
  });
  assert.ok(aligned, 'the overlay stays on the image');
  // Far apart: the scale stops at the maximum, which is at least 6x.
  const wide = f.width - 20;
  await pinch(page, [f.left + f.width / 2, f.top + 200], 20, wide, 20);
  await pinch(page, [f.left + f.width / 2, f.top + 200], 20, wide, 20);
  const max = await zoomOf(page);
  assert.ok(max.scale >= 6 && max.scale <= 8.001, `at least 6x, at most 8x: ${max.scale}`);
  // Pinching in all the way comes back to the fitted page, not smaller.
  for (let i = 0; i < 3; i++) await pinch(page, [f.left + f.width / 2, f.top + 200], wide, 30, 16);
  assert.deepEqual(await zoomOf(page), { scale: 1, x: 0, y: 0 });
  await page.waitForTimeout(400); // longer than the double-tap time: a delayed tap would have fired
  assert.equal(await articleOpen(page), 0, 'no pinch opened an article');
  assert.doesNotMatch((await address(page)).href, /article=/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a zoomed page pans with one finger within the page bounds; a pan never opens an article', async () => {
  const page = await phone('/?page=p2');
  const f = await frameBox(page);
  await pinch(page, [f.left + f.width / 2, f.top + f.height / 2], 100, 200, 10);
  const z = await zoomOf(page);
  assert.ok(Math.abs(z.scale - 2) < 0.05, JSON.stringify(z));
  const start = await regionPoint(page, 'a0202');
  await pan(page, start, [-60, -40], 10);
  const moved = await zoomOf(page);
  assert.ok(Math.abs(moved.x - (z.x - 60)) < 1.5 && Math.abs(moved.y - (z.y - 40)) < 1.5, `follows the finger: ${JSON.stringify([z, moved])}`);
  assert.equal(moved.scale, z.scale);
  // Past the edge it stops: the page always covers the frame.
  await pan(page, [f.left + 50, f.top + 100], [3000, 3000], 10);
  assert.deepEqual(await zoomOf(page), { scale: z.scale, x: 0, y: 0 });
  await pan(page, [f.left + 300, f.top + 400], [-3000, -3000], 10);
  const corner = await zoomOf(page);
  assert.ok(Math.abs(corner.x - (f.width - f.width * z.scale)) < 1 && Math.abs(corner.y - (f.height - f.height * z.scale)) < 1, JSON.stringify(corner));
  await page.waitForTimeout(400);
  assert.equal(await articleOpen(page), 0, 'no pan opened an article');
  await page.context().close();
});

test('double-tap zooms in around the tap and out again, without opening the region tapped', async () => {
  const page = await phone('/?page=p2');
  const f = await frameBox(page);
  const at = await regionPoint(page, 'a0202');
  await tap(page, at);
  await page.waitForTimeout(80);
  await tap(page, at);
  const z = await zoomOf(page);
  assert.ok(z.scale > 2, `zoomed in: ${JSON.stringify(z)}`);
  const under = [(at[0] - f.left - z.x) / z.scale, (at[1] - f.top - z.y) / z.scale];
  assert.ok(Math.hypot(under[0] - (at[0] - f.left), under[1] - (at[1] - f.top)) < 1.5, 'around the tap');
  await tap(page, at);
  await page.waitForTimeout(80);
  await tap(page, at);
  assert.deepEqual(await zoomOf(page), { scale: 1, x: 0, y: 0 });
  await page.waitForTimeout(400);
  assert.equal(await articleOpen(page), 0);
  await page.context().close();
});

test('a tap on a region opens its article over the whole screen, with a clear way back', () => articleCoversTheScreen(browser, server.url));

test('swipe left and right changes page when not zoomed; zoomed in, the same stroke pans', async () => {
  const page = await phone('/?page=p2');
  const f = await frameBox(page);
  const y = f.top + f.height / 2;
  await pan(page, [f.left + f.width - 40, y], [-220, 6], 8);
  await page.waitForURL(/page=p3/);
  await page.locator('.bs-zoom').waitFor();
  await pan(page, [f.left + 40, y], [220, -6], 8);
  await page.waitForURL(/page=p2/);
  await pan(page, [f.left + 40, y], [220, 0], 8);
  await page.waitForURL(/page=p1/);
  // On the first page a swipe to the previous page has nowhere to go; the page springs back.
  await pan(page, [f.left + 40, y], [220, 0], 8);
  assert.deepEqual(await zoomOf(page), { scale: 1, x: 0, y: 0 });
  assert.match((await address(page)).href, /page=p1/);
  // Zoomed in, a sideways stroke pans the page and stays on it. (The tap right after a swipe
  // counts: the browser did not start a fling of its own that would swallow it.)
  await page.getByRole('button', { name: '放大版面' }).tap();
  await toTop(page);
  const z = await zoomOf(page);
  await pan(page, [f.left + f.width - 40, y], [-120, 0], 8);
  const after = await zoomOf(page);
  assert.match((await address(page)).href, /page=p1/);
  assert.ok(after.x < z.x - 50, `panned: ${JSON.stringify([z, after])}`);
  // The reset button fits the page again.
  await page.getByRole('button', { name: '版面还原' }).tap();
  assert.deepEqual(await zoomOf(page), { scale: 1, x: 0, y: 0 });
  assert.equal(await articleOpen(page), 0, 'no swipe opened an article');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('zoom buttons zoom in steps, disable at the limits, and are named in either language', async () => {
  const page = await phone('/?page=p2');
  const zoomIn = page.getByRole('button', { name: '放大版面' });
  const zoomOut = page.getByRole('button', { name: '缩小版面' });
  const reset = page.getByRole('button', { name: '版面还原' });
  assert.ok(await zoomOut.isDisabled() && await reset.isDisabled(), 'nothing to undo at 1x');
  await zoomIn.tap();
  assert.ok(Math.abs((await zoomOf(page)).scale - 1.5) < 1e-3);
  assert.match(await page.getByRole('group', { name: '版面缩放' }).innerText(), /150%/);
  for (let i = 0; i < 8; i++) if (await zoomIn.isEnabled()) await zoomIn.tap();
  assert.equal((await zoomOf(page)).scale, 8);
  assert.ok(await zoomIn.isDisabled());
  await zoomOut.tap();
  assert.ok(Math.abs((await zoomOf(page)).scale - 8 / 1.5) < 1e-3);
  await reset.tap();
  assert.deepEqual(await zoomOf(page), { scale: 1, x: 0, y: 0 });
  // The keyboard zooms too when focus is on the map: + and -, arrows pan while zoomed.
  await page.locator('#bs-region-a0202').focus();
  await page.keyboard.press('+');
  const k = await zoomOf(page);
  assert.ok(Math.abs(k.scale - 1.5) < 1e-3);
  await page.keyboard.press('ArrowRight');
  const panned = await zoomOf(page);
  assert.ok(panned.x < k.x, 'the right arrow shows more of the right side');
  assert.match((await address(page)).href, /page=p2/, 'and does not turn the page while zoomed');
  await page.context().close();

  const host = await hostPage({ 'data-lang': 'en' });
  const en = await serve({ '/host.html': host.file, '/': DIST });
  try {
    const p = await phone('/host.html?page=p2', {}, en.url);
    await p.getByRole('group', { name: 'Page zoom' }).waitFor();
    await p.getByRole('button', { name: 'Zoom in on the page' }).tap();
    assert.ok(Math.abs((await zoomOf(p)).scale - 1.5) < 1e-3);
    await p.getByRole('button', { name: 'Zoom out of the page' }).tap();
    assert.equal((await zoomOf(p)).scale, 1);
    assert.ok(await p.getByRole('button', { name: 'Fit the page' }).isDisabled());
    await p.context().close();
  } finally {
    await en.close();
    await host.remove();
  }
});

test('a mouse drags a zoomed page; a click still opens a region at once', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/?page=p2`);
  await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
  // Zoomed at the middle of what shows of the page: once the first screen is whole, so that
  // the parts after the page image move nothing after.
  await firstScreen(page);
  await page.getByRole('button', { name: '放大版面' }).click();
  const z = await zoomOf(page);
  await toTop(page);
  const box = await page.locator('.bs-zoom').boundingBox();
  await page.mouse.move(box.x + 300, box.y + 300);
  await page.mouse.down();
  await page.mouse.move(box.x + 250, box.y + 260, { steps: 5 });
  await page.mouse.up();
  const moved = await zoomOf(page);
  assert.ok(Math.abs(moved.x - (z.x - 50)) < 1 && Math.abs(moved.y - (z.y - 40)) < 1, JSON.stringify([z, moved]));
  assert.equal(await articleOpen(page), 0, 'the drag opened nothing');
  await page.getByRole('button', { name: '版面还原' }).click();
  await zoomOf(page);
  const link = page.locator('#bs-region-a0202');
  const point = await link.evaluate((a) => {
    const r = a.querySelector('polygon').getBoundingClientRect();
    return [r.left + r.width / 2, r.top + 20];
  });
  await page.mouse.click(point[0], point[1]);
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor({ timeout: 2000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('zoomed in, a sharper rendition of the page loads when the data has one', async () => {
  // A copy of the demo archive whose page 2 has a 600 px rendition beside its 1200 px image.
  const dir = await demoCopy();
  try {
    const folder = join(dir, 'issues/2016-09-24');
    const file = join(folder, 'issue.json');
    const issue = JSON.parse(await readFile(file, 'utf8'));
    issue.pages[1].image.renditions.push({ src: 'p2-600.svg', width: 600 });
    await writeFile(file, JSON.stringify(issue));
    await cp(join(folder, 'p2.svg'), join(folder, 'p2-600.svg'));
    const archive = await serve({ '/data/': dir, '/': DIST });
    try {
      const page = await phone('/?page=p2', { deviceScaleFactor: 1 }, archive.url);
      const current = () => page.locator('.bs-page-image').evaluate((img) => img.currentSrc);
      assert.match(await current(), /p2-600\.svg$/, 'fitted on a 390 px screen, the 600 px rendition');
      assert.ok(!archive.requests.includes('/data/issues/2016-09-24/p2.svg'));
      await page.getByRole('button', { name: '放大版面' }).tap();
      await page.getByRole('button', { name: '放大版面' }).tap();
      await page.waitForFunction(() => /\/p2\.svg$/.test(document.querySelector('.bs-page-image').currentSrc));
      assert.ok(archive.requests.includes('/data/issues/2016-09-24/p2.svg'), 'the full image was fetched');
      // Back to the fitted page the image asks for the fitted size again.
      await page.getByRole('button', { name: '版面还原' }).tap();
      assert.match(await page.locator('.bs-page-image').getAttribute('sizes'), /100vw/);
      await page.context().close();
    } finally {
      await archive.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a pinch runs on transforms alone: no layout per move, frames at the display rate', async (t) => {
  const page = await phone('/?page=p2');
  const f = await frameBox(page);
  const metric = async (name) => (await page.cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;
  await page.cdp.send('Performance.enable');
  await page.evaluate(() => {
    window.__frames = [];
    const loop = (ts) => { window.__frames.push(ts); if (window.__frames.length < 2000) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  });
  const layouts = await metric('LayoutCount');
  const moves = 40;
  const started = Date.now();
  await pinch(page, [f.left + f.width / 2, f.top + f.height / 2], 80, f.width - 20, moves);
  const elapsed = Date.now() - started;
  await zoomOf(page);
  const layoutDelta = (await metric('LayoutCount')) - layouts;
  const gaps = await page.evaluate(() => window.__frames.slice(1).map((ts, i) => ts - window.__frames[i]));
  const sorted = gaps.filter((g) => g > 0).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const p95 = sorted[Math.floor(sorted.length * 0.95)];
  t.diagnostic(`pinch of ${moves} moves in ${elapsed} ms: ${layoutDelta} layouts; frame interval median ${median?.toFixed(1)} ms, p95 ${p95?.toFixed(1)} ms over ${sorted.length} frames`);
  assert.ok(layoutDelta <= 6, `layouts during a ${moves}-move pinch: ${layoutDelta}`);
  assert.ok((await zoomOf(page)).scale > 3);
  await page.context().close();
});
