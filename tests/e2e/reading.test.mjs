// The reading experience, as a reader meets it: the page-area map, the article panel, pages,
// text size, deep links and history, keyboard, screen-reader names, an accessibility audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { serve, newPage, clickRegion, DIST, ROOT, demoCopy, shareBrowserAndApp, address } from './harness.mjs';
import { hostPage } from './host-page.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SEED = '好姐妹·娘家人';

let browser, server;
shareBrowserAndApp((b, s) => { browser = b; server = s; });

async function open(path = '/', options = {}) {
  const page = await newPage(browser, options);
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

const heading = (page) => page.locator('#bs-article-title');
const currentPage = (page) => page.getByRole('navigation', { name: '版面导航' }).locator('[aria-current=page]');

test('a region on the page map opens its article, which reads like the reference page', async () => {
  const page = await open('/?page=p2');
  await clickRegion(page, SEED);
  const h = page.getByRole('heading', { level: 2, name: SEED });
  await h.waitFor();
  const article = page.getByRole('article');
  const text = await article.innerText();
  assert.match(text, /——全面深化改革探索之妇联组织转变作风提升服务能力/);
  assert.match(text, /□ 新华社记者 黄小希/);
  assert.deepEqual(await article.getByRole('heading', { level: 3 }).allInnerTexts(),
    ['与妇女群众成为“好姐妹”', '当好妇女群众的“娘家人”', '让妇女群众在妇女工作中“唱主角儿”']);
  const paragraphs = await article.locator('.bs-article-body p').allInnerTexts();
  assert.ok(paragraphs[0].startsWith('厦门市思明区前埔北社区是福建省妇联主席吴洪芹下基层的直接联系点。'));
  assert.ok(paragraphs.at(-1).endsWith('使各项活动紧贴妇女需求。'));
  // Focus moved to the heading, not to the top of the page.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'bs-article-title');
  assert.match((await address(page)).href, /article=a0202/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('regions scale exactly with the image at any width and pixel ratio', async () => {
  for (const [width, scale] of [[1400, 1], [900, 2], [390, 3]]) {
    const page = await open('/?page=p2', { viewport: { width, height: 900 }, deviceScaleFactor: scale });
    await page.locator('#bs-region-a0202 polygon').waitFor({ state: 'attached' });
    const check = await page.evaluate(async () => {
      const img = document.querySelector('.bs-page-image');
      const box = img.getBoundingClientRect();
      const issue = await (await fetch('data/issues/2016-09-24/issue.json')).json();
      const article = issue.pages[1].articles.find((a) => a.id === 'a0202');
      const xs = article.regions[0].points.map((p) => p[0]);
      const ys = article.regions[0].points.map((p) => p[1]);
      const poly = document.querySelector('#bs-region-a0202 polygon').getBoundingClientRect();
      return {
        ratio: box.height / box.width, expected: issue.pages[1].image.height / issue.pages[1].image.width,
        left: poly.left - box.left, want_left: Math.min(...xs) * box.width / issue.pages[1].image.width,
        right: poly.right - box.left, want_right: Math.max(...xs) * box.width / issue.pages[1].image.width,
        bottom: poly.bottom - box.top, want_bottom: Math.max(...ys) * box.height / issue.pages[1].image.height,
      };
    });
    assert.ok(Math.abs(check.ratio - check.expected) < 0.002, `aspect ratio at ${width}px: ${JSON.stringify(check)}`);
    for (const side of ['left', 'right', 'bottom']) {
      // The polygon's box includes half the stroke; allow 2 CSS px.
      assert.ok(Math.abs(check[side] - check[`want_${side}`]) <= 2, `${side} at ${width}px x${scale}: ${JSON.stringify(check)}`);
    }
    await page.context().close();
  }
});

test('hovering a title highlights its regions, and hovering a region highlights its title', async () => {
  const page = await open('/?page=p2');
  const fill = () => page.evaluate(() => getComputedStyle(document.querySelector('#bs-region-a0203 polygon')).fill);
  // The map may still be on its way when the page's heading is there (a loaded machine).
  await page.locator('#bs-region-a0203 polygon').waitFor({ state: 'attached' });
  const before = await fill();
  await page.getByRole('link', { name: '铭记红军丰功伟绩 弘扬伟大长征精神' }).and(page.locator('#bs-title-a0203')).hover();
  assert.notEqual(await fill(), before, 'the region lights up');
  await page.mouse.move(0, 0);
  assert.equal(await fill(), before);
  const region = page.locator('#bs-region-a0204');
  await region.scrollIntoViewIfNeeded();
  await region.locator('polygon').first().hover({ force: true });
  assert.match(await page.locator('#bs-title-a0204').getAttribute('class'), /bs-hot/);
  await page.context().close();
});

test('links to articles are real links: Ctrl-, Shift- and middle-click open a new tab, a plain click opens in place', async () => {
  const page = await open('/?page=p2');
  // One link of each kind: a region of the map (clicked inside its polygon), a title in the list,
  // a ranking entry.
  const links = [
    ['map region', (how) => clickRegion(page, SEED, how)],
    ['title', (how) => page.locator('.bs-title-list').getByRole('link', { name: SEED }).click(how)],
    ['ranking', (how) => page.locator('.bs-ranking').getByRole('link', { name: SEED }).click(how)],
  ];
  for (const [what, click] of links) {
    for (const how of [{ modifiers: ['Control'] }, { modifiers: ['Shift'] }, { button: 'middle' }]) {
      const before = (await address(page)).href;
      const [tab] = await Promise.all([page.context().waitForEvent('page'), click(how)]);
      await tab.waitForLoadState('domcontentloaded');
      const url = new URL(tab.url());
      assert.equal(url.searchParams.get('article'), 'a0202', `${what} ${JSON.stringify(how)}: ${tab.url()}`);
      assert.equal(url.searchParams.get('page'), 'p2');
      await tab.getByRole('heading', { level: 2, name: SEED }).waitFor();
      await tab.close();
      // The reader's own page stayed as it was.
      assert.equal((await address(page)).href, before, `${what} ${JSON.stringify(how)} left the page alone`);
      assert.equal(await heading(page).count(), 0, `${what}: no article opened in place`);
    }
  }
  // Plain clicks still open in place, each a new history entry.
  await page.locator('.bs-title-list').getByRole('link', { name: SEED }).click();
  await heading(page).waitFor();
  // The address follows once the article is painted (url_state::history::write).
  await page.waitForURL(/article=a0202/);
  await page.goBack();
  await page.waitForFunction(() => !document.getElementById('bs-article-title'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a continued article is one article from either page and says where it is printed', async () => {
  const page = await open('/?page=p3');
  await clickRegion(page, '基层妇联组织改革全面铺开');
  await page.getByRole('heading', { level: 2, name: '基层妇联组织改革全面铺开' }).waitFor();
  const fromP3 = await page.getByRole('article').innerText();
  assert.match(fromP3, /本文见第01版、第03版/);
  await page.goto(`${server.url}/?page=p1`);
  await clickRegion(page, '基层妇联组织改革全面铺开');
  await page.getByRole('heading', { level: 2, name: '基层妇联组织改革全面铺开' }).waitFor();
  assert.equal(await page.getByRole('article').innerText(), fromP3);
  await page.context().close();
});

test('previous and next article follow reading order across pages; close returns to the page', async () => {
  const page = await open('/?page=p1&article=a0105');
  await page.getByRole('heading', { level: 2, name: '秋季开学季 关注留守儿童心理健康' }).waitFor();
  await page.getByRole('link', { name: /下一篇/ }).click();
  await page.getByRole('heading', { level: 2, name: '地方党委要加强对群团改革的领导' }).waitFor();
  assert.match(await currentPage(page).innerText(), /综合新闻/, 'the map follows to page 2');
  await page.getByRole('link', { name: /上一篇/ }).click();
  await page.getByRole('heading', { level: 2, name: '秋季开学季 关注留守儿童心理健康' }).waitFor();
  await page.getByRole('button', { name: '关闭文章' }).click();
  assert.equal(await page.getByRole('article').count(), 0);
  // The address follows once the page is painted (url_state::history::write).
  await page.waitForURL((url) => !url.searchParams.has('article'));
  await page.context().close();
});

test('放大, 缩小 and 默认 change the article text size in bounds, remembered in URL and browser', async () => {
  const page = await open(`/?page=p2&article=a0202`);
  // open() waits for the masthead only; the issue may still be loading.
  await page.locator('.bs-article-body p').first().waitFor();
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.bs-article-body p')).fontSize));
  const mapSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.bs-page-title')).fontSize));
  const base = await size();
  const otherText = await mapSize();
  await page.getByRole('button', { name: '放大文字' }).click();
  const larger = await size();
  assert.ok(larger > base, `${larger} > ${base}`);
  assert.equal(await mapSize(), otherText, 'only the article text changes');
  await page.waitForURL(/size=1/);
  for (let i = 0; i < 10; i++) {
    const button = page.getByRole('button', { name: '放大文字' });
    if (await button.isDisabled()) break;
    await button.click();
  }
  assert.ok(await page.getByRole('button', { name: '放大文字' }).isDisabled(), 'stops at the largest step');
  const largest = await size();
  assert.ok(largest <= base * 2, `bounded: ${largest}`);
  await address(page);
  await page.reload();
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
  assert.equal(await size(), largest, 'the URL restores the size');
  // Without a size in the URL, the browser remembers the last one chosen.
  await page.goto(`${server.url}/?page=p2&article=a0202`);
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
  assert.equal(await size(), largest);
  await page.getByRole('button', { name: '默认文字大小' }).click();
  assert.equal(await size(), base);
  await page.getByRole('button', { name: '缩小文字' }).click();
  assert.ok((await size()) < base);
  await page.context().close();
});

test('the text-only view gives the article the screen; the page is one click away; phones need no toggle', async () => {
  const page = await open('/?page=p2&article=a0202', { viewport: { width: 1280, height: 900 } });
  const beside = (await page.getByRole('article').boundingBox()).width;
  await page.getByRole('button', { name: '纯文本阅读' }).click();
  assert.equal(await page.locator('.bs-page-image').isVisible(), false);
  const box = await page.getByRole('article').boundingBox();
  assert.ok(box.width > 1.5 * beside, `the article is wider alone: ${box.width} against ${beside}`);
  assert.match((await address(page)).href, /view=text/);
  await page.getByRole('button', { name: '查看版面' }).click();
  assert.equal(await page.locator('.bs-page-image').isVisible(), true);
  await page.context().close();
  // On a phone the open article fills the screen already, so the toggle would change nothing.
  const phone = await open('/?page=p2&article=a0202', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await phone.getByRole('button', { name: '关闭文章' }).waitFor();
  assert.equal(await phone.getByRole('button', { name: '纯文本阅读' }).count(), 0);
  const cover = await phone.locator('.bs-reading').boundingBox();
  assert.ok(cover.width >= 390 && cover.height >= 844, `the article covers the screen: ${JSON.stringify(cover)}`);
  await phone.context().close();
});

test('deep links restore the whole state; back and forward step through what the reader did', async () => {
  const page = await open('/?date=2016-09-17&page=p2&size=2');
  assert.match(await page.getByRole('banner').innerText(), /2016年9月17日 星期六/);
  assert.match(await currentPage(page).innerText(), /综合新闻/);
  await page.goto(`${server.url}/`);
  await currentPage(page).waitFor();
  await page.getByRole('navigation', { name: '版面导航' }).getByRole('button', { name: /综合新闻/ }).click();
  await clickRegion(page, SEED);
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
  const deep = (await address(page)).href;
  await page.goBack();
  await page.waitForFunction(() => !document.getElementById('bs-article-title'));
  assert.match(await currentPage(page).innerText(), /综合新闻/);
  await page.goBack();
  await page.waitForFunction(() => /要闻/.test(document.querySelector('.bs-pages [aria-current=page]')?.innerText));
  await page.goForward();
  await page.goForward();
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
  assert.equal((await address(page)).href, deep);
  // A fresh tab on the deep link shows exactly that.
  const other = await open(new URL(deep).pathname + new URL(deep).search);
  await other.getByRole('heading', { level: 2, name: SEED }).waitFor();
  await other.context().close();
  await page.context().close();
});

// (A date without an issue is the calendar's business: tests/e2e/calendar.test.mjs.)
test('an unknown page or article says so and offers a way on', async () => {
  const page = await open('/?page=p99');
  await page.getByRole('alert').filter({ hasText: 'p99' }).waitFor();
  await page.getByRole('button', { name: '去第一版' }).click();
  assert.match(await currentPage(page).innerText(), /要闻/);
  assert.equal(await page.getByRole('alert').count(), 0);

  await page.goto(`${server.url}/?article=nope`);
  await page.getByRole('alert').filter({ hasText: 'nope' }).waitFor();
  await page.getByRole('button', { name: '关闭', exact: true }).click();
  assert.equal(await page.getByRole('alert').count(), 0);
  await page.context().close();
});

test('closing an article gives the focus back to the link it was opened from', async () => {
  const page = await open('/?page=p2');
  const titles = page.locator('.bs-title-list');
  // From the title list by keyboard: Escape returns to that title, not to the map.
  await titles.getByRole('link', { name: SEED }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.id === 'bs-article-title');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement.id === 'bs-title-a0202');
  assert.equal(await page.getByRole('article').count(), 0);
  // By mouse, then the close button: the button goes with the article, the focus to the title.
  await titles.getByRole('link', { name: SEED }).click();
  await page.waitForFunction(() => document.activeElement.id === 'bs-article-title');
  await page.getByRole('button', { name: '关闭文章' }).click();
  await page.waitForFunction(() => document.activeElement.id === 'bs-title-a0202');
  // Opened from the map, it goes back to the map's region.
  await clickRegion(page, SEED);
  await page.waitForFunction(() => document.activeElement.id === 'bs-article-title');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement.id === 'bs-region-a0202');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('keyboard: Tab walks the regions in reading order, arrows change page, Escape closes', async () => {
  const page = await open('/?page=p2');
  await page.locator('#bs-region-a0201').focus();
  const names = [];
  for (let i = 0; i < 7; i++) {
    names.push(await page.evaluate(() => document.activeElement.getAttribute('aria-label')));
    await page.keyboard.press('Tab');
  }
  const issue = JSON.parse(await readFile(join(ROOT, 'demo/data/issues/2016-09-24/issue.json'), 'utf8'));
  assert.deepEqual(names, issue.pages[1].articles.map((a) => a.title));

  await page.locator('#bs-region-a0203').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: '铭记红军丰功伟绩 弘扬伟大长征精神' }).waitFor();
  await page.waitForFunction(() => document.activeElement.id === 'bs-article-title');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement.id === 'bs-region-a0203');
  assert.equal(await page.getByRole('article').count(), 0);

  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /评论/.test(document.querySelector('.bs-pages [aria-current=page]')?.innerText));
  assert.match(await page.getByRole('status').filter({ hasText: '第03版' }).innerText(), /第03版 评论/);
  assert.notEqual(await page.evaluate(() => document.activeElement.tagName), 'BODY', 'focus stays in the reader');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => /综合新闻/.test(document.querySelector('.bs-pages [aria-current=page]')?.innerText));
  await page.context().close();
});

test('pages: thumbnails, previous/next page, srcset renditions, prefetch, PDF when present, no layout shift', async () => {
  const archive = await demoCopy();
  const file = join(archive, 'issues/2016-09-24/issue.json');
  const issue = JSON.parse(await readFile(file, 'utf8'));
  issue.pages[0].pdf = 'p1.pdf';
  await writeFile(file, JSON.stringify(issue));
  await writeFile(join(archive, 'issues/2016-09-24/p1.pdf'), '%PDF-1.4\n%%EOF\n');
  const own = await serve({ '/data/': archive, '/': DIST });
  const page = await newPage(browser);
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
  });
  try {
    await page.goto(`${own.url}/`);
    const nav = page.getByRole('navigation', { name: '版面导航' });
    await nav.getByRole('button').first().waitFor();
    assert.equal(await nav.locator('img.bs-thumb').count(), 4);
    assert.match(await nav.locator('img.bs-thumb').first().getAttribute('src'), /p1-thumb\.svg$/);
    const img = page.locator('.bs-page-image');
    assert.match(await img.getAttribute('srcset'), /p1-thumb\.svg 200w, .*p1\.svg 1200w/);
    assert.equal(await img.getAttribute('width'), '1200');
    assert.equal(await img.getAttribute('height'), '1700');
    const pdf = page.getByRole('link', { name: /PDF/ });
    assert.match(await pdf.getAttribute('href'), /issues\/2016-09-24\/p1\.pdf$/);
    // In a new tab, never in place of the reader, and without a handle on it.
    assert.equal(await pdf.getAttribute('target'), '_blank');
    assert.equal(await pdf.getAttribute('rel'), 'noopener');
    await page.getByRole('button', { name: '下一版' }).click();
    assert.match(await currentPage(page).innerText(), /综合新闻/);
    assert.equal(await page.getByRole('link', { name: /PDF/ }).count(), 0, 'no PDF link where the data has none');
    await page.waitForFunction(() => document.querySelector('.bs-page-image').complete);
    assert.ok(own.requests.some((p) => p.endsWith('/p3.svg') || p.endsWith('/p3-thumb.svg')), 'the next page is prefetched');
    await page.getByRole('button', { name: '上一版' }).click();
    assert.match(await currentPage(page).innerText(), /要闻/);
    assert.ok(await page.getByRole('button', { name: '上一版' }).isDisabled());
    assert.ok((await page.evaluate(() => window.__shift)) < 0.01, 'the layout does not jump as images arrive');
  } finally {
    await page.context().close();
    await own.close();
    await rm(archive, { recursive: true, force: true });
  }
});

test('axe finds no serious or critical accessibility violations, with and without an article', async () => {
  for (const path of ['/?page=p2', '/?page=p2&article=a0202']) {
    const page = await open(path);
    await page.locator('.bs-page-image').waitFor();
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.length} nodes (${v.nodes[0].target})`), [], path);
    await page.context().close();
  }
});

test('the interface speaks English when the host element asks for it', async () => {
  const host = await hostPage({ 'data-lang': 'en' });
  const own = await serve({ '/index.html': host.file, '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${own.url}/index.html?page=p2&article=a0202`);
    await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
    assert.match(await page.getByRole('banner').innerText(), /Saturday, 24 September 2016/);
    await page.getByRole('navigation', { name: 'Pages' }).waitFor();
    for (const name of ['Larger text', 'Smaller text', 'Default text size', 'Close the article', 'Previous page', 'Next page']) {
      await page.getByRole('button', { name }).waitFor();
    }
    assert.equal(await page.locator('.bs-reader').getAttribute('lang'), 'en');
    assert.equal(await page.locator('.bs-article-text').getAttribute('lang'), 'zh-CN', 'the paper keeps its language');
    // The paper's own text stays as printed.
    assert.match(await page.getByRole('article').innerText(), /□ 新华社记者 黄小希/);
  } finally {
    await page.context().close();
    await own.close();
    await host.remove();
  }
});
