// Offline reading, as a reader meets it: an issue read once opens again with the network off,
// an issue never opened says it is not kept, a whole issue saved with the button (progress shown)
// reads offline on a page never opened, and can be removed; the calendar marks kept issues.
// "Offline" is both Chromium's network emulation and a server that drops every connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, newPage, clickRegion, DIST, shareBrowserAndApp } from './harness.mjs';
import { writeLoader } from '../../scripts/write-loader.mjs';
import { writeWorker } from '../../scripts/write-worker.mjs';

const SEED = '好姐妹·娘家人';

let browser, server;
shareBrowserAndApp((b, s) => { browser = b; server = s; });

async function open(path) {
  const page = await newPage(browser);
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  // The worker takes the page over once installed (on the first visit too).
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page;
}

async function offline(page, off) {
  if (off) server.fault(/./, 'drop'); else server.clear();
  await page.context().setOffline(off);
}

const kept = (page, date) => page.locator(`td.bs-cal-kept[data-date="${date}"]`);
// Whether the page image is shown, given up to 10 s to load from the worker's cache (on a busy
// 2-core machine the article can open before the image has decoded).
const imageShown = (page) =>
  page
    .waitForFunction(() => {
      const img = document.querySelector('.bs-page-image');
      return img && img.complete && img.naturalWidth > 0;
    }, null, { timeout: 10_000 })
    .then(() => true, () => false);
// A dead network makes the browser log failed loads; anything else is a real error.
const realErrors = (page) => page.errors.filter((e) => !/Failed to load resource|FetchEvent|net::ERR/.test(e));

test('an issue read once opens again offline; one never opened says it is not kept', async () => {
  const page = await open('/?date=2016-09-24&page=p2');
  try {
    // The calendar marks the issue once its files are kept, and says so to a screen reader.
    await kept(page, '2016-09-24').waitFor();
    const description = (date) => kept(page, date).evaluate((td) => document.getElementById(td.getAttribute('aria-describedby'))?.textContent);
    assert.equal(await kept(page, '2016-09-24').getAttribute('aria-label'), '2016年9月24日 星期六');
    assert.equal(await description('2016-09-24'), '可离线阅读');
    assert.equal(await kept(page, '2016-09-17').count(), 0);

    await offline(page, true);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await clickRegion(page, SEED);
    await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
    assert.match(await page.getByRole('article').innerText(), /□ 新华社记者 黄小希/);
    assert.ok(await imageShown(page), 'the page image comes from the worker');

    // An issue never opened: a clear notice in place, not a blank page.
    await page.locator('td[data-date="2016-09-17"] a').click();
    await page.getByText('这一期没有离线保存，断网时无法打开。', { exact: false }).waitFor();
    assert.deepEqual(realErrors(page), []);
  } finally {
    await offline(page, false);
    await page.context().close();
  }
});

test('online, an issue the network fails to bring and the worker never kept is said not kept, by offline reading that came after the first screen', async () => {
  const page = await open('/?date=2016-09-24');
  try {
    await kept(page, '2016-09-24').waitFor();
    // The device says it is online; the issue's file alone fails (a dropped connection).
    server.fault(/\/data\/issues\/2016-09-17/, 'drop');
    await page.locator('td[data-date="2016-09-17"] a').click();
    await page.getByText('这一期没有离线保存', { exact: false }).waitFor();
    assert.equal(await page.evaluate(() => navigator.onLine), true);
    // The issue read before is kept, and opens.
    await page.locator('td[data-date="2016-09-24"] a').click();
    await page.locator('.bs-region').first().waitFor({ state: 'attached' });
    assert.deepEqual(realErrors(page), []);
  } finally {
    server.clear();
    await page.context().close();
  }
});

test('on a first visit the worker keeps the app the page has loaded: its files are asked of the server once', async () => {
  // Installing, the worker fetched the whole shell again, bypassing the browser's cache: on a
  // slow link the app's wasm a second time, for seconds, ahead of the reader's first search.
  server.requests.length = 0;
  const page = await open('/?date=2016-09-24');
  try {
    // The parts that come after the page image are in, and the worker has installed them too.
    await page.locator('.bs-calendar').waitFor();
    const built = await page.evaluate(async () => {
      const shell = (await caches.keys()).find((k) => k.startsWith('broadsheet-shell'));
      return (await (await caches.open(shell)).keys()).map((r) => new URL(r.url).pathname);
    });
    const hashed = built.filter((p) => /\.(wasm|js|css)$/.test(p) && !/broadsheet-(loader|sw)\.js$/.test(p));
    assert.ok(hashed.some((p) => p.endsWith('_bg.wasm')) && hashed.some((p) => /\/broadsheet-parts-/.test(p)), `the shell: ${built.join(' ')}`);
    for (const p of hashed) {
      assert.ok(server.requests.filter((r) => r === p).length <= 1, `${p} asked of the server once: ${server.requests.join(' ')}`);
    }
    const app = hashed.filter((p) => /^\/broadsheet-[0-9a-f]+(_bg\.wasm|\.js|\.css)$/.test(p));
    assert.equal(app.length, 3, app.join(' '));
    for (const p of app) assert.equal(server.requests.filter((r) => r === p).length, 1, `${p}: ${server.requests.join(' ')}`);
    // The worker comes once the first screen is in: after the page image and the parts that
    // follow it, so it never shares a slow link with them.
    const at = (re) => server.requests.findIndex((r) => re.test(r));
    for (const before of [/\/p1\.svg$/, /\/split_calendar_part\.wasm$/, /\/split_article_part\.wasm$/]) {
      assert.ok(at(before) >= 0 && at(before) < at(/\/broadsheet-sw\.js$/), `${before} before the worker: ${server.requests.join(' ')}`);
    }
    assert.deepEqual(realErrors(page), []);
  } finally {
    await page.context().close();
  }
});

test('a part the browser keeps as missing (a 404 cached from a deploy caught half way) is fetched afresh by the installing worker', async () => {
  // Every answer cacheable for an hour, as a CDN may send even a 404.
  const site = await serve({ '/': DIST }, { headers: { 'cache-control': 'max-age=3600' } });
  const footer = /\/split_footer_part\.wasm$/;
  site.fault(footer, '404');
  const page = await newPage(browser);
  try {
    // The worker's registration waits for the test, so that the fault is mended first.
    await page.addInitScript(() => {
      const sw = navigator.serviceWorker;
      const register = sw.register.bind(sw);
      const mended = new Promise((ok) => { window.__mended = ok; });
      sw.register = (...args) => mended.then(() => register(...args));
    });
    await page.goto(`${site.url}/?date=2016-09-24`);
    await page.getByText('这部分没能加载', { exact: false }).first().waitFor();
    site.clear();
    await page.evaluate(() => window.__mended());
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    const kept = await page.evaluate(async () => {
      const shell = (await caches.keys()).find((k) => k.startsWith('broadsheet-shell'));
      const r = (await (await caches.open(shell)).keys()).find((q) => q.url.endsWith('/split_footer_part.wasm'));
      return r && (await (await caches.open(shell)).match(r)).status;
    });
    assert.equal(kept, 200, 'the worker keeps the part, fetched afresh');
    assert.equal(site.requests.filter((p) => footer.test(p)).length, 2, `the 404, then the worker's own fetch: ${site.requests.join(' ')}`);
  } finally {
    await page.context().close();
    await site.close();
  }
});

test('a whole issue saved with the button reads offline on a page never opened, and can be removed', async () => {
  const issue = JSON.parse(await readFile(join(DIST, 'data/issues/2016-09-17/issue.json'), 'utf8'));
  const photos = issue.pages.flatMap((p) => p.articles.flatMap((a) => (a.body ?? []).filter((b) => b.type === 'image')));
  // The issue, each page's image and thumbnail and words file where it has one, the photos.
  const files = 1 + issue.pages.length * 2 + issue.pages.filter((p) => p.words).length + photos.length;
  const last = issue.pages.at(-1);
  const title = last.articles.find((a) => (a.kind ?? 'article') === 'article').title;

  const page = await open('/?date=2016-09-17');
  try {
    const section = page.getByRole('region', { name: '离线阅读' });
    await section.waitFor();
    // Every state the progress passes through, to see it count up to the end.
    await page.evaluate(() => {
      window.seen = [];
      new MutationObserver(() => {
        const p = document.querySelector('.bs-offline-status');
        if (p) window.seen.push(p.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await section.getByRole('button', { name: '离线保存本期' }).click();
    await section.getByText('本期已离线保存').waitFor();
    const seen = await page.evaluate(() => window.seen);
    assert.ok(seen.some((s) => s.includes(`/ ${files}`)), `progress shown out of ${files}: ${seen.join(' | ')}`);
    await kept(page, '2016-09-17').waitFor();

    // Offline, straight to the last page, never opened before.
    await offline(page, true);
    await page.goto(`${server.url}/?date=2016-09-17&page=${last.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('.bs-page-image').waitFor();
    await page.waitForFunction(() => document.querySelector('.bs-page-image')?.complete);
    assert.ok(await imageShown(page), 'the saved page image shows offline');
    await clickRegion(page, title);
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    assert.ok((await page.getByRole('article').innerText()).length > 50);

    // Removed: the mark goes, and offline the issue no longer opens.
    await page.getByRole('region', { name: '离线阅读' }).getByRole('button', { name: '删除离线副本' }).click();
    await page.getByRole('button', { name: '离线保存本期' }).waitFor();
    await kept(page, '2016-09-17').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByText('这一期没有离线保存', { exact: false }).waitFor();
    assert.deepEqual(realErrors(page), []);
  } finally {
    await offline(page, false);
    await page.context().close();
  }
});

test('without a service worker the reader works as before and offers no saving', async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  try {
    await page.goto(`${server.url}/?date=2016-09-24&page=p2`);
    await clickRegion(page, SEED);
    await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
    assert.equal(await page.getByRole('region', { name: '离线阅读' }).count(), 0);
    assert.equal(await page.locator('.bs-cal-kept').count(), 0);
    assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
  }
});

/** Deploys a "new build" over a copy of the app: its stylesheet changes, so its hashed name does. */
async function deployNewBuild(dir) {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const old = html.match(/broadsheet-[0-9a-f]+\.css/)[0];
  const css = `${await readFile(join(dir, old), 'utf8')}\n/* build 2 */\n`;
  const name = `broadsheet-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  const integrity = `sha384-${createHash('sha384').update(css).digest('base64')}`;
  await writeFile(join(dir, name), css);
  await rm(join(dir, old));
  await writeFile(join(dir, 'index.html'), html.replace(old, name).replace(/(broadsheet-[0-9a-f]+\.css" integrity=")[^"]*/, `$1${integrity}`));
  await writeLoader(dir);
  await writeWorker(dir);
  return { old, name };
}

const stylesheet = (page) => page.evaluate(() => [...document.styleSheets].map((s) => s.href).find((h) => /broadsheet-.*\.css$/.test(h ?? '')));
/** Waits until an async check in the page holds (waitForFunction takes no async checks). */
async function until(page, check) {
  for (let i = 0; i < 300; i++) {
    if (await page.evaluate(check)) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`still not: ${check}`);
}

const shellCaches = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('broadsheet-shell')));

test('an update installs whole beside the old build and takes over only when no page runs the old one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-update-'));
  await cp(DIST, dir, { recursive: true });
  const site = await serve({ '/': dir });
  const page = await newPage(browser);
  try {
    await page.goto(`${site.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const { old, name } = await deployNewBuild(dir);
    assert.ok((await stylesheet(page)).endsWith(old));

    // The old page reloads: still wholly the old build (its stylesheet is gone from the server),
    // while the new build installs and waits.
    const before = site.requests.length;
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.ok((await stylesheet(page)).endsWith(old), 'the old build, not a mix');
    assert.ok(await page.evaluate(() => document.styleSheets[0].cssRules.length > 0), 'its stylesheet loaded');
    await until(page, async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state === 'installed');
    assert.ok(!site.requests.slice(before).some((p) => p.endsWith(old)), 'no old file asked of the server');
    assert.equal((await shellCaches(page)).length, 2);

    // Once the old page is gone, the next visit is wholly the new build, and the old shell goes.
    const context = page.context();
    await page.close();
    const next = await context.newPage();
    await next.goto(`${site.url}/`);
    await next.getByRole('heading', { level: 1 }).waitFor();
    assert.ok((await stylesheet(next)).endsWith(name), 'the new build');
    await until(next, async () => (await caches.keys()).filter((k) => k.startsWith('broadsheet-shell')).length === 1);
  } finally {
    await page.context().close();
    await site.close();
    await rm(dir, { recursive: true, force: true });
  }
});
