// The foundation, as a reader sees it: the newest issue of the demo archive opens with its
// masthead, page list and the reference page's titles; a broken archive says what is wrong.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, DIST, ROOT, demoCopy } from './harness.mjs';

const SEVEN_TITLES = [
  '地方党委要加强对群团改革的领导',
  '好姐妹·娘家人',
  '铭记红军丰功伟绩 弘扬伟大长征精神',
  '中央文明委启动第一届全国文明家庭评选表彰活动',
  '六部门联手打击电信网络诈骗',
  '“爱心助残街”:政府搭台扶残助业',
  '志愿服务见证“她力量”',
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the newest issue opens with masthead, pages and the reference page titles', async () => {
  const server = await serve({ '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: '中国妇女报数字报纸' }).waitFor();
    const banner = page.getByRole('banner');
    assert.match(await banner.innerText(), /2016年9月24日 星期六/);
    assert.match(await banner.innerText(), /国内统一刊号：CN11-0003/);

    const nav = page.getByRole('navigation', { name: '版面导航' });
    const pageButtons = nav.getByRole('button');
    await pageButtons.first().waitFor();
    const labels = await pageButtons.allInnerTexts();
    assert.ok(labels.length >= 4, `at least four pages, got ${labels}`);
    assert.ok(labels.some((l) => /第0?2版\s*综合新闻/.test(l)), `a 综合新闻 page in ${labels}`);
    // The first page is the current one when an issue opens.
    assert.equal(await pageButtons.first().getAttribute('aria-current'), 'page');

    await nav.getByRole('button', { name: /综合新闻/ }).click();
    const list = page.getByRole('region', { name: /综合新闻/ });
    await list.getByRole('listitem').first().waitFor();
    assert.deepEqual(await list.getByRole('listitem').allInnerTexts(), SEVEN_TITLES);
    assert.equal(await nav.getByRole('button', { name: /综合新闻/ }).getAttribute('aria-current'), 'page');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('a broken issue file is reported by file and JSON path, and the masthead still shows', async () => {
  const broken = await demoCopy();
  const issuePath = join(broken, 'issues/2016-09-24/issue.json');
  const issue = JSON.parse(await readFile(issuePath, 'utf8'));
  // A broken part is left out and listed (tests/e2e/hostile.test.mjs); with no readable pages
  // at all there is nothing to show, and the whole file is refused.
  issue.pages = { 1: issue.pages[0] };
  await writeFile(issuePath, JSON.stringify(issue));
  const server = await serve({ '/data/': broken, '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${server.url}/`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /无法加载/);
    assert.match(text, /data\/issues\/2016-09-24\/issue\.json/);
    assert.match(text, /pages: must be an array of pages/);
    await page.getByRole('heading', { level: 1, name: '中国妇女报数字报纸' }).waitFor();

    // Mend the file, press 重试, and the issue opens.
    await cp(join(ROOT, 'demo/data/issues/2016-09-24/issue.json'), issuePath);
    await alert.getByRole('button', { name: '重试' }).click();
    await page.getByRole('navigation', { name: '版面导航' }).getByRole('button').first().waitFor();
    assert.equal(await page.getByRole('alert').count(), 0);
  } finally {
    await page.context().close();
    await server.close();
    await rm(broken, { recursive: true, force: true });
  }
});

test('a missing archive manifest says which file and offers a retry', async () => {
  const server = await serve({ '/data/': join(ROOT, 'tests/e2e/no-such-folder'), '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${server.url}/`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /data\/archive\.json/);
    assert.match(text, /HTTP 404/);
    await alert.getByRole('button', { name: '重试' }).waitFor();
  } finally {
    await page.context().close();
    await server.close();
  }
});
