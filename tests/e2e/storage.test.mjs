// Browser storage that will not remember: disabled (a throwing localStorage, and Chromium with
// cookies blocked), full (every write refused), or holding what an older version wrote under
// each key the reader uses (text size, votes, ratings client id). The reader starts, reads and
// changes text size and votes as usual, and says once, politely, what it cannot remember.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve, launch, newPage, DIST, clickRegion } from './harness.mjs';

const FIRST_TITLE = '基层妇联组织改革全面铺开';
const NOT_KEPT = /此浏览器不允许保存数据：您设置的文字大小和评分在离开后不会保留。阅读不受影响。/;
const FULL = /浏览器存储已满：您设置的文字大小和评分在离开后不会保留。阅读不受影响。/;
const RESET = /以前保存的文字大小无法读取，已恢复默认。/;

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serve({ '/': DIST });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const notes = (page) => page.locator('.bs-storage-note');
const fontSize = (page) => page.locator('.bs-article-text').evaluate((e) => e.style.fontSize);

/** Reads as a person does: opens an article, makes the text larger, votes, turns the page. */
async function read(page) {
  await clickRegion(page, FIRST_TITLE);
  await page.getByRole('heading', { level: 2, name: FIRST_TITLE }).waitFor();
  assert.equal(await fontSize(page), '100%');
  await page.getByRole('button', { name: '放大文字' }).click();
  await page.waitForFunction(() => document.querySelector('.bs-article-text')?.style.fontSize !== '100%');
  const rating = page.getByRole('region', { name: /我给版面打分/ });
  await rating.getByRole('button', { name: '4分' }).click();
  await rating.getByText('您的评分：4分').waitFor();
  await page.getByRole('navigation', { name: '版面导航' }).getByRole('button', { name: /综合新闻/ }).click();
  await page.getByRole('region', { name: /综合新闻/ }).getByRole('listitem').first().waitFor();
}

/** The notice says `what`, exactly once, as a status (not a dialog); OK puts it away for good. */
async function saysOnce(page, what) {
  const note = notes(page);
  await note.waitFor();
  assert.equal(await note.count(), 1);
  assert.equal(await note.getAttribute('role'), 'status');
  assert.match(await note.innerText(), what);
  assert.equal(await page.getByRole('dialog').count(), 0);
}

async function dismissStays(page) {
  await notes(page).getByRole('button', { name: '知道了' }).click();
  assert.equal(await notes(page).count(), 0);
  // Another failed write (a text size change) does not bring it back.
  await clickRegion(page, '六部门联手打击电信网络诈骗');
  await page.getByRole('button', { name: '缩小文字' }).click();
  await page.getByRole('button', { name: '缩小文字' }).click();
  assert.equal(await notes(page).count(), 0);
}

test('disabled storage (a throwing localStorage): the reader works and says once that it cannot remember', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  try {
    await page.goto(`${server.url}/`);
    await saysOnce(page, NOT_KEPT);
    await read(page);
    await saysOnce(page, NOT_KEPT);
    await dismissStays(page);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
  }
});

test('disabled storage (Chromium blocking cookies and site data): the same', async () => {
  // A profile whose preferences block all site data, as a reader's privacy setting does.
  const profile = await mkdtemp(join(tmpdir(), 'broadsheet-nocookies-'));
  await mkdir(join(profile, 'Default'));
  await writeFile(join(profile, 'Default/Preferences'),
    JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(`${server.url}/`);
    // The browser itself refuses: the page cannot reach localStorage.
    assert.equal(await page.evaluate(() => { try { return typeof window.localStorage.length; } catch (e) { return e.name; } }), 'SecurityError');
    await saysOnce(page, NOT_KEPT);
    await read(page);
    await saysOnce(page, NOT_KEPT);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

test('full storage: the reader works and says once that its storage is full', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('Quota exceeded', 'QuotaExceededError'); };
  });
  try {
    await page.goto(`${server.url}/`);
    await saysOnce(page, FULL);
    await read(page);
    await saysOnce(page, FULL);
    await dismissStays(page);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
  }
});

test('garbage from an older version under every key: ignored with a word, then replaced', async () => {
  const VOTE = 'broadsheet.rating.v1:中国妇女报:2016-09-24:p1';
  const cases = [
    ['an older JSON format', { 'broadsheet.textSize': '{"size":2,"unit":"step"}' }],
    ['wrong types', { 'broadsheet.textSize': 'true', [VOTE]: '{"score":"lots"}', 'broadsheet.rating.client': '12' }],
    ['out of range', { 'broadsheet.textSize': '99', [VOTE]: '9' }],
    ['huge strings', { 'broadsheet.textSize': '2'.repeat(1_000_000), [VOTE]: '4'.repeat(500_000), 'broadsheet.rating.client': 'x'.repeat(500_000) }],
  ];
  const page = await newPage(browser);
  try {
    await page.goto(`${server.url}/`);
    await page.getByRole('navigation', { name: '版面导航' }).getByRole('button').first().waitFor();
    for (const [what, junk] of cases) {
      await page.evaluate((junk) => { localStorage.clear(); for (const [k, v] of Object.entries(junk)) localStorage.setItem(k, v); }, junk);
      await page.goto(`${server.url}/`);
      await saysOnce(page, RESET);
      if (junk[VOTE]) await page.getByText('浏览器中保存的评分已损坏，已忽略。').waitFor();
      await read(page);
      assert.equal(await notes(page).count(), 1, what);
      // What the reader did replaced the garbage: a new visit remembers it, and says nothing.
      await page.goto(`${server.url}/`);
      await page.getByRole('navigation', { name: '版面导航' }).getByRole('button').first().waitFor();
      await clickRegion(page, FIRST_TITLE);
      assert.notEqual(await fontSize(page), '100%', what);
      await page.getByRole('region', { name: /我给版面打分/ }).getByText('您的评分：4分').waitFor();
      assert.equal(await notes(page).count(), 0, what);
    }
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
  }
});
