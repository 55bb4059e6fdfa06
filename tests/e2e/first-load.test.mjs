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
