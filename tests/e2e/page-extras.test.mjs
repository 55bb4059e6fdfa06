// The rest of the reference page as a reader sees it: the news ranking (新闻排行榜) from the
// data, the copyright notice (版权声明), footer links and publisher line from archive.json, and
// the ad slot that only the host page fills. Each is absent when its data or setting is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, DIST, ROOT, demoCopy, address } from './harness.mjs';
import { hostPage, until } from './host-page.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RANKED = [
  ['基层妇联组织改革全面铺开', '1286次阅读'],
  ['好姐妹·娘家人', '1154次阅读'],
  ['六部门联手打击电信网络诈骗', '873次阅读'],
  ['三代同堂的读书时光', '652次阅读'],
  ['“爱心助残街”:政府搭台扶残助业', '418次阅读'],
];

/** A copy of the demo archive with archive.json changed by `edit`. */
async function archiveCopy(edit) {
  const dir = await demoCopy();
  const file = join(dir, 'archive.json');
  const archive = JSON.parse(await readFile(file, 'utf8'));
  edit(archive);
  await writeFile(file, JSON.stringify(archive));
  return dir;
}

async function ready(page) {
  await page.getByRole('region', { name: /我给版面打分/ }).waitFor();
}

test('the news ranking lists the issue ranking in order and opens the article on its own page', async () => {
  const server = await serve({ '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${server.url}/`);
    const ranking = page.getByRole('region', { name: '新闻排行榜' });
    await ranking.getByRole('listitem').first().waitFor();
    const items = await ranking.getByRole('listitem').allInnerTexts();
    assert.deepEqual(items.map((t) => t.replace(/\s+/g, ' ').trim()), RANKED.map(([title, reads]) => `${title} ${reads}`));
    const links = ranking.getByRole('link');
    assert.deepEqual(await links.allInnerTexts(), RANKED.map(([title]) => title));

    // A real link (it opens in a new tab too), and a click opens the article on page 2.
    const link = ranking.getByRole('link', { name: '好姐妹·娘家人' });
    assert.match(await link.getAttribute('href'), /article=a0202/);
    await link.click();
    await page.getByRole('heading', { level: 2, name: '好姐妹·娘家人' }).waitFor();
    assert.match((await address(page)).href, /article=a0202/);
    const nav = page.getByRole('navigation', { name: '版面导航' });
    assert.equal(await nav.getByRole('button', { name: /综合新闻/ }).getAttribute('aria-current'), 'page');
    assert.equal(await link.getAttribute('aria-current'), 'true');
    // The ranking is the issue's: it stays while the reader changes page.
    await nav.getByRole('button', { name: /家庭/ }).click();
    await until(() => page.getByRole('region', { name: /我给版面打分/ }).innerText(), /家庭/);
    assert.equal(await ranking.getByRole('link').count(), 5);
    // Back goes to where the reader was (once the page change is in the address).
    await address(page);
    await page.goBack();
    await until(async () => (await address(page)).href, /article=a0202/);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('an issue without a ranking shows none', async () => {
  const server = await serve({ '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${server.url}/?date=2016-09-17`);
    await ready(page);
    assert.equal(await page.getByRole('region', { name: '新闻排行榜' }).count(), 0);
    assert.equal(await page.getByText('新闻排行榜').count(), 0);
    // The newest issue, opened from here, has one again.
    await page.goto(`${server.url}/`);
    await page.getByRole('region', { name: '新闻排行榜' }).waitFor();
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('the footer carries the copyright notice, the publisher links and line from archive.json', async () => {
  const server = await serve({ '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${server.url}/`);
    const footer = page.getByRole('contentinfo');
    await footer.waitFor();
    const copyright = footer.getByRole('region', { name: '版权声明' });
    assert.match(await copyright.innerText(), /^版权声明\s+《中国妇女报》\(电子版\)的一切内容/);
    assert.match(await copyright.innerText(), /追究侵权者的法律责任。$/);

    const links = footer.getByRole('navigation', { name: '网站链接' }).getByRole('link');
    assert.deepEqual(await links.allInnerTexts(), ['关于我们', '联系我们', '在线投稿', '手机触屏版']);
    assert.equal(await links.nth(0).getAttribute('href'), 'https://www.cnwomen.com.cn/');
    assert.equal(await links.nth(3).getAttribute('href'), 'https://m.cnwomen.com.cn/');
    assert.match(await footer.innerText(), /主办单位:中国妇女报社 版权所有:中国妇女报网/);
    // No ad slot unless the host page asks for one.
    assert.equal(await page.locator('[data-broadsheet-ad]').count(), 0);
    // Links are big enough to tap.
    const box = await links.nth(0).boundingBox();
    assert.ok(box.height >= 44, `tap target ${box.height}px high`);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('footer parts that the archive does not configure are absent, and relative links resolve against archive.json', async () => {
  const bare = await archiveCopy((a) => { delete a.paper.copyright; delete a.paper.publisher; delete a.paper.links; });
  const linksOnly = await archiveCopy((a) => {
    delete a.paper.copyright;
    delete a.paper.publisher;
    a.paper.links = [{ label: '在线投稿', href: '../submit.html' }];
  });
  const page = await newPage(browser);
  let server = await serve({ '/data/': bare, '/': DIST });
  try {
    await page.goto(`${server.url}/`);
    await ready(page);
    assert.equal(await page.getByRole('contentinfo').count(), 0);
    assert.equal(await page.getByText('版权声明').count(), 0);
    await server.close();

    server = await serve({ '/data/': linksOnly, '/': DIST });
    await page.goto(`${server.url}/`);
    const footer = page.getByRole('contentinfo');
    await footer.waitFor();
    assert.equal(await footer.getByRole('region', { name: '版权声明' }).count(), 0);
    const link = footer.getByRole('link', { name: '在线投稿' });
    assert.equal(await link.getAttribute('href'), `${server.url}/submit.html`);
    assert.equal(await footer.innerText(), '在线投稿');
  } finally {
    await page.context().close();
    await server.close();
    await rm(bare, { recursive: true, force: true });
    await rm(linksOnly, { recursive: true, force: true });
  }
});

test('the ad slot is an empty labelled element that the host page fills; the app loads nothing into it', async () => {
  const hostScript = `
    document.addEventListener('broadsheet:ad-slot', (e) => {
      window.slotName = e.detail;
      const p = document.createElement('p');
      p.textContent = '正在加载广告……';
      e.target.append(p);
    });`;
  const host = await hostPage({ 'data-ad-slot': 'page-foot' }, { head: '<script src="host.js"></script>', files: { 'host.js': hostScript } });
  const empty = await hostPage({ 'data-ad-slot': '' });
  const server = await serve({ '/host.html': host.file, '/host.js': host.paths['host.js'], '/empty.html': empty.file, '/': DIST });
  const page = await newPage(browser);
  try {
    // Without a host script: there, empty, and out of the way.
    await page.goto(`${server.url}/empty.html`);
    await ready(page);
    const bare = page.locator('[data-broadsheet-ad]');
    assert.equal(await bare.count(), 1);
    assert.equal(await bare.getAttribute('data-broadsheet-ad'), 'ad');
    assert.equal(await bare.evaluate((el) => el.innerHTML), '');
    assert.equal(await bare.isVisible(), false);

    // The host page fills it when told the slot exists.
    await page.goto(`${server.url}/host.html`);
    const ad = page.getByRole('complementary', { name: '广告' });
    await ad.waitFor();
    assert.equal(await ad.innerText(), '正在加载广告……');
    assert.equal(await page.evaluate(() => window.slotName), 'page-foot');
    assert.equal(await ad.getAttribute('data-broadsheet-ad'), 'page-foot');
    // It sits in the footer, after the copyright notice, and keeps the host's content while
    // the reader moves through pages and articles.
    assert.equal(await page.getByRole('contentinfo').getByRole('complementary', { name: '广告' }).count(), 1);
    await page.getByRole('navigation', { name: '版面导航' }).getByRole('button', { name: /综合新闻/ }).click();
    await page.getByRole('region', { name: '新闻排行榜' }).getByRole('link', { name: '好姐妹·娘家人' }).click();
    await page.getByRole('heading', { level: 2, name: '好姐妹·娘家人' }).waitFor();
    assert.equal(await ad.innerText(), '正在加载广告……');
    // Every request went to the page's own server: no third-party scripts.
    const origin = new URL(server.url).host;
    const requests = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
    assert.ok(requests.every((r) => new URL(r).host === origin), requests.join('\n'));
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
    await host.remove();
    await empty.remove();
  }
});
