// Broken networks, as a reader on a bad connection meets them: the archive manifest, a month
// index, an issue file and a page image each answer 404, 500, half a file, a web page instead of
// data, a dropped connection, slowly, or never. Each gets its own clear message in place, a
// retry that works once the fault is gone, the rest of the reader keeps working where it can,
// and no spinner turns for ever (every fetch, and the page image, has a time limit).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, DIST, clickRegion } from './harness.mjs';

const ISSUE = '/data/issues/2016-09-24';
const PATHS = {
  manifest: '/data/archive.json',
  month: '/data/months/2016-09.json',
  issue: `${ISSUE}/issue.json`,
  // The map's rendition at the desktop size (the page list's thumbnail is another file).
  image: `${ISSUE}/p1.svg`,
};

// What the reader says for each fault of a data file.
const SAYS = {
  404: /文件不存在（HTTP 404）。/,
  500: /服务器出错（HTTP 500），请稍后重试。/,
  truncated: /文件没有完整下载（连接中途断开）。/,
  half: /文件没有完整下载（连接中途断开）。/,
  html: /收到的不是数据文件，而是 text\/html 类型的内容。可能是网页/,
  drop: /无法连接服务器，或连接中途断开。/,
  hang: /服务器 20 秒内没有回答，网络可能太慢。/,
};
const IMAGE_SAYS = { hang: /版面图 20 秒内没有加载完/ };
const IMAGE_FAILED = /版面图无法加载。本版标题和文章仍可阅读。/;

const FIRST_TITLE = '基层妇联组织改革全面铺开';

// The network itself, without the offline copies a service worker would fall back on (those are
// offline.test.mjs's).
const NO_WORKER = { serviceWorkers: 'block' };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const calendarOf = (page) => page.getByRole('region', { name: '按日期检索' });
const mapOf = (page) => page.getByRole('figure', { name: '版面图' });

/** Where the message about a target shows. */
function alertFor(page, target) {
  switch (target) {
    case 'manifest': return page.getByRole('alert');
    case 'month': return calendarOf(page).getByRole('alert');
    // Offline reading may add its own word about the issue beside this one.
    case 'issue': return page.getByRole('main').getByRole('alert').filter({ hasText: '无法加载' });
    case 'image': return mapOf(page).getByRole('alert');
  }
}

const retryName = (target) => (target === 'image' ? '重新加载版面图' : '重试');

/** The target's part of the reader, working. */
async function recovered(page, target, timeout = 15_000) {
  switch (target) {
    case 'manifest':
      await page.getByRole('heading', { level: 1, name: '中国妇女报数字报纸' }).waitFor({ timeout });
      // falls through: the manifest brings the issue with it
    case 'issue':
      await page.getByRole('navigation', { name: '版面导航' }).getByRole('button').first().waitFor({ timeout });
      break;
    case 'month':
      await calendarOf(page).getByRole('link', { name: '2016年9月24日 星期六' }).waitFor({ timeout });
      break;
    case 'image':
      await page.waitForFunction(() => {
        const img = document.querySelector('.bs-page-image');
        return img?.complete && img.naturalWidth > 0 && !img.classList.contains('bs-broken');
      }, null, { timeout });
      break;
  }
}

/** What still works while the target is broken. */
async function stillUsable(page, target) {
  switch (target) {
    case 'manifest':
      // Nothing can be read without the manifest: the message and its retry are all there is.
      return;
    case 'month':
      // The issue reads: a region opens its article.
      await clickRegion(page, FIRST_TITLE);
      await page.getByRole('heading', { level: 2, name: FIRST_TITLE }).waitFor();
      return;
    case 'issue': {
      // The masthead and the calendar work.
      await page.getByRole('heading', { level: 1, name: '中国妇女报数字报纸' }).waitFor();
      const calendar = calendarOf(page);
      await calendar.getByRole('button', { name: '上个月' }).click();
      await calendar.getByRole('link', { name: '2016年8月27日 星期六' }).waitFor();
      await calendar.getByRole('button', { name: '下个月' }).click();
      return;
    }
    case 'image': {
      // The regions over the missing image, the titles and the article all work.
      const list = page.getByRole('region', { name: /要闻/ });
      await list.getByRole('listitem').first().waitFor();
      assert.ok((await list.getByRole('listitem').allInnerTexts()).includes(FIRST_TITLE));
      await clickRegion(page, FIRST_TITLE);
      await page.getByRole('heading', { level: 2, name: FIRST_TITLE }).waitFor();
      return;
    }
  }
}

/** Console noise that failed loads cause by design; anything else (a panic) fails the test. */
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));

test('every fault on every file: a clear message in place, the rest usable, and a retry that works', async () => {
  const server = await serve({ '/': DIST });
  const page = await newPage(browser, NO_WORKER);
  try {
    for (const target of Object.keys(PATHS)) {
      for (const kind of ['404', '500', 'truncated', 'half', 'html', 'wrong-type', 'drop']) {
        const what = `${kind} on the ${target}`;
        server.fault(PATHS[target], kind);
        await page.goto(`${server.url}/`);
        const alert = alertFor(page, target);
        // A JSON file sent with a wrong type is still read; an SVG sent as text/plain is not an image.
        if (kind === 'wrong-type' && target !== 'image') {
          await recovered(page, target);
          assert.equal(await alert.count(), 0, what);
          server.clear(PATHS[target]);
          continue;
        }
        await alert.waitFor();
        const text = await alert.innerText();
        assert.match(text, target === 'image' ? IMAGE_FAILED : SAYS[kind], what);
        if (target !== 'image') assert.match(text, new RegExp(`无法加载 ${PATHS[target].slice(1).replaceAll('.', '\\.')}`), what);
        await stillUsable(page, target);
        server.clear(PATHS[target]);
        await alert.getByRole('button', { name: retryName(target) }).click();
        await recovered(page, target);
        assert.equal(await alert.count(), 0, what);
      }
    }
    assert.deepEqual(unexpected(page.errors), []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('offline: the reader says so, and the retry works once the network is back', async () => {
  const server = await serve({ '/': DIST });
  const page = await newPage(browser, NO_WORKER);
  try {
    await page.goto(`${server.url}/`);
    await recovered(page, 'issue');
    // The calendar comes once the page image is in (a part of its own: src/part.rs).
    const day = calendarOf(page).getByRole('link', { name: '2016年9月17日 星期六' });
    await day.waitFor();
    await page.context().setOffline(true);
    await day.click();
    const alert = alertFor(page, 'issue');
    await alert.waitFor();
    assert.match(await alert.innerText(), /您的设备已离线。请连接网络后重试。/);
    await page.context().setOffline(false);
    await alert.getByRole('button', { name: '重试' }).click();
    await page.getByRole('banner').getByText('2016年9月17日 星期六').waitFor();
    await recovered(page, 'issue');
    assert.deepEqual(unexpected(page.errors), []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('a slow file says so and then shows; one that never comes gives up with a retry, no endless spinner', async () => {
  // Every target twice (slow, hang), each on its own server and page, all at once: about 20 s.
  const cases = Object.keys(PATHS).flatMap((target) => [[target, 'slow'], [target, 'hang']]);
  const context = await browser.newContext({ locale: 'zh-CN', ...NO_WORKER });
  const servers = [];
  try {
    await Promise.all(cases.map(async ([target, kind]) => {
      const what = `${kind} ${target}`;
      const server = await serve({ '/': DIST });
      servers.push(server);
      server.fault(PATHS[target], kind);
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const started = Date.now();
      await page.goto(`${server.url}/`);
      const where = target === 'image' ? mapOf(page) : target === 'month' ? calendarOf(page) : page;
      const slowNote = where.getByRole('status').filter({ hasText: target === 'image' ? '网络较慢，版面图仍在加载' : '网络较慢，仍在加载' });
      // Its fetch starts once the app and what comes before it are in: from then on, 4 s.
      await slowNote.waitFor({ timeout: 15_000 });
      const noted = Date.now();
      if (kind === 'slow') {
        await recovered(page, target, 15_000);
        assert.ok(Date.now() - started >= 9_000, what);
        assert.equal(await alertFor(page, target).count(), 0, what);
      } else {
        const alert = alertFor(page, target);
        await alert.waitFor({ timeout: 30_000 });
        // The limit is 20 s from the start of the fetch, which the slow note follows by 4 s.
        const [elapsed, afterNote] = [Date.now() - started, Date.now() - noted];
        assert.ok(elapsed >= 19_000 && afterNote < 19_000, `${what}: gave up after ${elapsed} ms, ${afterNote} ms after the slow note`);
        assert.match(await alert.innerText(), (target === 'image' ? IMAGE_SAYS : SAYS).hang, what);
        assert.equal(await page.locator('.bs-spinner').count(), 0, `${what}: no spinner after the time limit`);
        server.clear(PATHS[target]);
        await alert.getByRole('button', { name: retryName(target) }).click();
        await recovered(page, target);
        assert.equal(await alert.count(), 0, what);
      }
      assert.deepEqual(errors, [], what);
    }));
  } finally {
    await context.close();
    await Promise.all(servers.map((s) => s.close()));
  }
});
