// First load (issue 16): the data of the first screen — the archive manifest, the issue the
// address names (or the newest) and its page image at the rendition the map will show — is asked
// for by the loader while the app's code is still downloading, and the app takes those answers
// over: each file is asked for once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, newPage, DIST, shareBrowserAndApp } from './harness.mjs';

let browser;
shareBrowserAndApp((b) => { browser = b; });

/** Opens `path` with the app's WebAssembly held back `delay` ms; when each data file was asked
 *  for, against when the WebAssembly arrived, and how often each was asked for. */
async function firstLoad(path, delay = 1500) {
  const server = await serve({ '/': DIST });
  server.fault(/\.wasm$/, 'slow', { delay });
  const page = await newPage(browser, { serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  const asked = new Map();
  let wasmDone = Infinity;
  page.on('request', (r) => { const p = new URL(r.url()).pathname; if (!asked.has(p)) asked.set(p, Date.now()); });
  page.on('requestfinished', (r) => { if (r.url().endsWith('.wasm')) wasmDone = Date.now(); });
  try {
    await page.goto(`${server.url}${path}`);
    await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
    await page.locator('.bs-page-image').evaluate((img) => img.decode());
    const count = (p) => server.requests.filter((r) => r === p).length;
    return { asked, wasmDone, count, shown: await page.locator('.bs-page-image').evaluate((img) => new URL(img.currentSrc).pathname), errors: page.errors };
  } finally {
    await page.context().close();
    await server.close();
  }
}

/** When the page asked for the first file whose address ends in `end`, and when its answer
 *  ended (Resource Timing, ms), for each of `ends`. */
function timings(page, ends) {
  return page.evaluate((ends) => Object.fromEntries(ends.map((end) => {
    const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith(end));
    return [end, { asked: e?.startTime, came: e?.responseEnd }];
  })), ends);
}

test('the newest issue, its first page and the manifest are on their way before the app runs, and asked for once', async () => {
  const r = await firstLoad('/');
  const files = ['/data/archive.json', '/data/issues/2016-09-24/issue.json', '/data/issues/2016-09-24/p1.svg'];
  assert.equal(r.shown, files[2], 'the map shows the rendition asked for');
  for (const f of files) {
    assert.ok(r.asked.get(f) < r.wasmDone, `${f} asked for ${r.wasmDone - r.asked.get(f)} ms before the app's code arrived`);
    assert.equal(r.count(f), 1, `${f} asked for once`);
  }
  assert.deepEqual(r.errors, []);
});

test('on a fast link the app starts once the page image has been asked for, not before', async () => {
  // The app's code arrives before the manifest's answer (held 600 ms). Its start, tens of ms of
  // script, used to hold that answer, and so the issue and the page image, back until it was done.
  const server = await serve({ '/': DIST });
  server.fault('/data/archive.json', 'slow', { delay: 600 });
  const page = await newPage(browser, { serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', () => { window.__started = performance.now(); }));
  try {
    await page.goto(`${server.url}/`);
    await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
    const r = await timings(page, ['.wasm', '/p1.svg']);
    const t = { started: await page.evaluate(() => window.__started), wasm: r['.wasm'].came, image: r['/p1.svg'].asked };
    assert.ok(t.wasm < 600, `the app's code was in before the manifest's answer (${Math.round(t.wasm)} ms)`);
    assert.ok(t.image < t.started, `the page image asked for at ${Math.round(t.image)} ms, before the app started at ${Math.round(t.started)} ms`);
    assert.equal(server.requests.filter((r) => r === '/data/issues/2016-09-24/p1.svg').length, 1, 'and once');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('with the first screen\'s data read before the app starts, the app renders the issue at once, never a loading line of its own', async () => {
  // The app's code held back: the loader has read the manifest and the issue by the time it runs.
  const server = await serve({ '/': DIST });
  server.fault(/\.wasm$/, 'slow', { delay: 800 });
  const page = await newPage(browser, { serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    window.__loading = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) {
        if (n.nodeType === 1 && (n.matches('div.bs-loading') || n.querySelector('div.bs-loading'))) window.__loading++;
      }
    }).observe(document, { childList: true, subtree: true });
  });
  try {
    await page.goto(`${server.url}/`);
    await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
    await page.getByRole('navigation', { name: '版面导航' }).waitFor();
    assert.equal(await page.evaluate(() => window.__loading), 0, 'no "loading" of the app\'s own before the issue');
    assert.equal(server.requests.filter((r) => r === '/data/issues/2016-09-24/issue.json').length, 1);
    // Another issue is fetched by the app itself, with its loading line while it comes.
    server.fault('/data/issues/2016-09-10/issue.json', 'slow', { delay: 1500 });
    await page.evaluate(() => { history.pushState(null, '', '?date=2016-09-10'); dispatchEvent(new PopStateEvent('popstate')); });
    await page.locator('div.bs-loading').waitFor();
    await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('the first screen\'s data does not wait for the page\'s stylesheet', async () => {
  // A deferred (module) script runs only once every stylesheet before it has loaded: the loader
  // asked for nothing while index.html's stylesheet was on its way. Loaded async, it does.
  const server = await serve({ '/': DIST });
  server.fault(/\.css$/, 'slow', { delay: 1500 });
  const page = await newPage(browser, { serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
    const r = await timings(page, ['.css', '/archive.json', '/p1.svg']);
    const t = { css: r['.css'].came, manifest: r['/archive.json'].asked, image: r['/p1.svg'].asked };
    assert.ok(t.css > 1500, `the stylesheet came at ${Math.round(t.css)} ms`);
    assert.ok(t.manifest < 1000, `the manifest asked for at ${Math.round(t.manifest)} ms`);
    assert.ok(t.image < t.css, `the page image asked for at ${Math.round(t.image)} ms, before the stylesheet came`);
    // The stylesheet linked further down the page was found, not added a second time.
    assert.equal(server.requests.filter((r) => r.endsWith('.css')).length, 1);
    assert.equal(await page.locator('link[rel="stylesheet"]').count(), 1);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('a loader that runs before the page below it is parsed waits for its host element', async () => {
  // The loader in the head, the host after a script that holds the parser for a second: the
  // loader (async) has run by then and finds no host yet.
  const page0 = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,">
    <script type="module" async src="/broadsheet-loader.js"></script></head>
    <body><script src="/held.js"></script>
    <div data-broadsheet data-archive="data/"></div></body></html>`;
  const server = await serve({ '/': DIST }, { pages: { '/head.html': page0, '/held.js': '' } });
  server.fault('/held.js', 'slow', { delay: 1000 });
  server.fault(/\.wasm$/, 'slow', { delay: 2500 });
  const page = await newPage(browser, { serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    window.__hostless = null;
    // Whether the host was there when the loader made its first request (the app's code).
    const fetch0 = window.fetch;
    window.fetch = (...args) => {
      if (window.__hostless === null) window.__hostless = !document.querySelector('[data-broadsheet]');
      return fetch0(...args);
    };
  });
  try {
    await page.goto(`${server.url}/head.html`);
    await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
    assert.equal(await page.evaluate(() => window.__hostless), true, 'the loader ran before the host was parsed');
    // Once the host is there, the loader asks for the first screen's data, before the app runs.
    const r = await timings(page, ['.wasm', '/p1.svg']);
    const t = { wasm: r['.wasm'].came, image: r['/p1.svg'].asked };
    assert.ok(t.image < t.wasm, `the page image asked for at ${Math.round(t.image)} ms, before the app's code came at ${Math.round(t.wasm)}`);
    await page.getByRole('navigation', { name: '版面导航' }).waitFor();
    for (const f of ['/data/archive.json', '/data/issues/2016-09-24/issue.json']) assert.equal(server.requests.filter((r) => r === f).length, 1, `${f} once`);
    assert.equal(await page.locator('link[rel="stylesheet"]').count(), 1, 'the loader linked the stylesheet');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('a deep link starts its own issue and page the same way', async () => {
  const r = await firstLoad('/?date=2016-09-17&page=p3');
  const files = ['/data/archive.json', '/data/issues/2016-09-17/issue.json', '/data/issues/2016-09-17/p3.svg'];
  assert.equal(r.shown, files[2]);
  for (const f of files) {
    assert.ok(r.asked.get(f) < r.wasmDone, `${f} before the app's code`);
    assert.equal(r.count(f), 1, `${f} asked for once`);
  }
  assert.equal(r.count('/data/issues/2016-09-24/issue.json'), 0, 'not the newest issue');
  assert.deepEqual(r.errors, []);
});

test('while the first page image is on its way, no thumbnail and no other page is asked for; then they are', async () => {
  const server = await serve({ '/': DIST });
  server.fault('/data/issues/2016-09-24/p1.svg', 'slow', { delay: 2500 });
  const page = await newPage(browser, { serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${server.url}/`);
    await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
    const images = () => server.requests.filter((p) => /\.(svg|jpg|png)$/.test(p) && p.startsWith('/data/'));
    await page.waitForTimeout(1000);
    assert.deepEqual(images(), ['/data/issues/2016-09-24/p1.svg'], 'only the page shown, while it loads');
    // The page list keeps its boxes meanwhile: the layout does not move when they arrive.
    const thumb = page.getByRole('navigation', { name: '版面导航' }).locator('img').nth(1);
    assert.equal(await thumb.getAttribute('src'), null);
    assert.ok((await thumb.boundingBox()).height > 0);
    await page.locator('.bs-page-image').evaluate((img) => img.decode());
    await page.waitForFunction(() => [...document.querySelectorAll('.bs-pages img')].every((i) => i.complete && i.naturalWidth > 0));
    for (const f of ['p1-thumb.svg', 'p2-thumb.svg', 'p2.svg']) assert.ok(images().includes(`/data/issues/2016-09-24/${f}`), `${f} after the page`);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('the page paints a loading line before the app has arrived, and the app replaces it', async () => {
  const server = await serve({ '/': DIST });
  server.fault(/\.(wasm|css)$/, 'slow', { delay: 2000 });
  const page = await newPage(browser, { serviceWorkers: 'block' });
  try {
    await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    const loading = page.getByRole('status').filter({ hasText: '正在加载' });
    await loading.waitFor();
    // Painted: a first contentful paint while neither the stylesheet nor the code is there.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    assert.ok(!(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => /\.(wasm|css)$/.test(r.name)))),
      'before the stylesheet and the WebAssembly arrived');
    await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
    assert.equal(await page.locator('[data-broadsheet] > p.bs-loading').count(), 0, 'the line is gone');
    await assert.doesNotReject(page.getByRole('navigation', { name: '版面导航' }).waitFor());
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('when the app\'s code cannot load, the loading line gives way to a message and a reload that works', async () => {
  const server = await serve({ '/': DIST });
  server.fault(/\.wasm$/, '404');
  const page = await newPage(browser, { serviceWorkers: 'block' });
  try {
    await page.goto(`${server.url}/`);
    await page.getByRole('alert').filter({ hasText: '阅读器未能加载' }).waitFor();
    assert.equal(await page.getByRole('status').filter({ hasText: '正在加载' }).count(), 0, 'no longer says it is loading');
    server.clear();
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
    assert.equal(await page.getByRole('alert').filter({ hasText: '阅读器未能加载' }).count(), 0);
  } finally {
    await page.context().close();
    await server.close();
  }
});
