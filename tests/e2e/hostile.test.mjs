// Hostile and broken data (tests/fixtures/hostile/generate.mjs): nothing in the data runs (no
// dialog, no navigation, no request outside the archive and the app), the reader stays quick,
// every problem is listed by its JSON path, and the valid parts still display.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, clickRegion, DIST, ROOT } from './harness.mjs';
import { hostPage } from './host-page.mjs';
import { hostileArchive, MARKUP, RTL, LONG_CHARS, LONG_NAME, MANY_ARTICLES, FLOOD_ARTICLES } from '../fixtures/hostile/generate.mjs';

let browser, server, fixture;
/** Every path the server may be asked for: the app's files and the archive's. */
const known = new Set();

async function files(dir, prefix) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await files(p, `${prefix}${e.name}/`);
    else known.add(`${prefix}${e.name}`);
  }
}

before(async () => {
  fixture = await hostileArchive();
  await files(DIST, '/');
  await files(fixture.dir, '/data/');
  await files(DIST, '/evil/');
  await files(join(fixture.dir, 'evil'), '/evil/data/');
  known.add('/').add('/evil/');
  server = await serve({ '/evil/data/': join(fixture.dir, 'evil'), '/evil/': DIST, '/data/': fixture.dir, '/': DIST });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (fixture) await rm(fixture.dir, { recursive: true, force: true });
});

/** A page that records every dialog, main-frame navigation and request, opened at `path`. */
async function watched(path) {
  const page = await newPage(browser);
  page.dialogs = [];
  page.navigations = [];
  page.requested = [];
  page.on('dialog', (d) => { page.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) page.navigations.push(f.url()); });
  page.on('request', (r) => page.requested.push(r.url()));
  await page.goto(`${server.url}${path}`);
  return page;
}

/** The same, once the reader's masthead is there. */
async function guarded(path) {
  const page = await watched(path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/** Nothing from the data ran or reached out, and nothing in the DOM could. */
async function assertNothingRan(page) {
  assert.deepEqual(page.dialogs, [], 'no dialog');
  for (const url of page.navigations) assert.ok(url.startsWith(`${server.url}/`), `navigated to ${url}`);
  for (const url of page.requested) assert.ok(url.startsWith(`${server.url}/`), `requested ${url}`);
  const unexpected = server.requests.filter((p) => !known.has(p));
  assert.deepEqual(unexpected, [], 'requests for paths that exist neither in the app nor in the archive');
  const dom = await page.evaluate(() => {
    const root = document.querySelector('.broadsheet');
    const bad = [];
    for (const el of root.querySelectorAll('*')) {
      if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) bad.push(el.tagName);
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${el.tagName} ${a.name}`);
        if (/^(href|src|srcset|xlink:href)$/i.test(a.name) && /(^|,\s*)\s*(javascript|data|vbscript):/i.test(a.value)) {
          bad.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`);
        }
      }
    }
    return bad;
  });
  assert.deepEqual(dom, [], 'markup or script addresses in the reader');
}

/** Clicks `selector`'s element in the page and waits for the article heading to read `title`;
 * returns the time it took, measured in the page (click to the frame that shows it). */
function timedOpen(page, selector, title) {
  return page.evaluate(async ([selector, title]) => {
    const el = document.querySelector(selector);
    const t0 = performance.now();
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await new Promise((done) => {
      const check = () => (document.getElementById('bs-article-title')?.textContent === title ? done() : requestAnimationFrame(check));
      check();
    });
    return performance.now() - t0;
  }, [selector, title]);
}

test('each problem of a hostile issue is listed by its JSON path and the valid parts display', async (t) => {
  const page = await guarded('/?date=2020-01-01');
  const notice = page.getByRole('status', { name: '本期数据问题' });
  await notice.waitFor();
  const took = await page.evaluate(() => {
    const issue = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/2020-01-01/issue.json'));
    return performance.getEntriesByName('broadsheet:map-interactive')[0].startTime - issue.responseEnd;
  });
  // The slow path: the file is read part by part to find and leave out each broken one.
  t.diagnostic(`hostile issue with a 50,000-point polygon: parse, check and render ${took.toFixed(0)} ms`);
  assert.match(await notice.innerText(), new RegExp(`本期数据有 ${fixture.expected.length} 处问题`));
  await notice.getByText('查看问题').click();
  const items = await notice.getByRole('listitem').allInnerTexts();
  assert.equal(items.length, fixture.expected.length, items.join('\n'));
  for (const [path, message] of fixture.expected) {
    assert.ok(items.some((t) => t.startsWith(`${path} `) && t.includes(message)), `${path}: ${message}\n${items.join('\n')}`);
  }
  // Three pages of four (the second "p2" is left out), each by its name.
  const pages = page.getByRole('navigation', { name: '版面导航' });
  assert.deepEqual((await pages.locator('.bs-page-name').allInnerTexts()), ['要闻', '正常版面', '图片地址是脚本', LONG_NAME]);
  // The first page's regions: each valid one, the markup title as plain text.
  const regions = await page.locator('.bs-region').evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')));
  assert.deepEqual(regions, [MARKUP, RTL, '十万字的段落', '五万个点的多边形', '坐标异常']);
  // The article full of markup reads as text; of its images only the safe one is there.
  await clickRegion(page, MARKUP);
  const heading = page.locator('#bs-article-title');
  await heading.waitFor();
  assert.equal(await heading.textContent(), MARKUP);
  const article = page.getByRole('article');
  assert.match(await article.innerText(), /<script>alert\("body"\)<\/script>/);
  assert.equal(await article.locator('.bs-article-body img').count(), 1);
  assert.match(await article.locator('.bs-article-body img').getAttribute('src'), /\/data\/2020-01-01\/photo\.svg$/);
  // No PDF link where the only PDFs were a script and an HTML data URL.
  assert.equal(await page.locator('.bs-pdf').count(), 0);
  // The ranking names the valid articles only.
  const ranking = page.getByRole('region', { name: /新闻排行榜/ }).getByRole('link');
  assert.deepEqual(await ranking.allInnerTexts(), ['正常的文章', MARKUP]);
  await assertNothingRan(page);
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), []);
  await page.context().close();
});

test('a page image that is not an image, or whose address is a script, says so in place; its regions still work', async () => {
  const page = await guarded('/?date=2020-01-01&page=p1');
  const failed = page.locator('.bs-page-area').getByRole('alert').filter({ hasText: '版面图无法加载' });
  await failed.waitFor();
  await clickRegion(page, RTL);
  await page.locator('#bs-article-title').waitFor();
  assert.equal(await page.locator('#bs-article-title').textContent(), RTL);
  // The right-to-left override stays inside its title: the next title reads as written.
  assert.equal(await page.locator('.bs-region').nth(2).getAttribute('aria-label'), '十万字的段落');
  // An image address that is a script, or on another origin: nothing asked for, and said.
  const absent = page.locator('.bs-page-area').getByRole('alert').filter({ hasText: '本版没有可用的版面图' });
  await page.goto(`${server.url}/?date=2020-01-01&page=p3`);
  await absent.waitFor();
  await clickRegion(page, '第三版文章');
  await page.getByRole('heading', { level: 2, name: '第三版文章' }).waitFor();
  await page.goto(`${server.url}/?date=2020-01-01&page=p5`);
  await absent.waitFor();
  assert.equal(await page.locator('img.bs-page-image').count(), 0);
  assert.equal(await page.locator('.bs-pdf').count(), 0, 'no link to a PDF on another origin');
  await clickRegion(page, '第五版文章');
  await page.getByRole('heading', { level: 2, name: '第五版文章' }).waitFor();
  await assertNothingRan(page);
  await page.context().close();
});

test('a page name with no place to break wraps in the page controls and the page list, on a desktop and a phone', async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const page = await newPage(browser, { viewport });
    await page.goto(`${server.url}/?date=2020-01-01&page=p5`);
    const title = page.locator('h2.bs-page-title');
    await title.waitFor();
    const box = (l) => l.boundingBox();
    const [prev, heading, next] = await Promise.all([
      box(page.getByRole('button', { name: '上一版' })), box(title), box(page.getByRole('button', { name: '下一版' })),
    ]);
    const what = `${viewport.width} px`;
    // Side by side, the name between the buttons and inside the window.
    assert.ok(prev.x + prev.width <= heading.x + 0.5, `${what}: the name runs over the previous-page button`);
    assert.ok(heading.x + heading.width <= next.x + 0.5, `${what}: the name runs over the next-page button`);
    assert.ok(next.x + next.width <= viewport.width + 0.5, `${what}: the next-page button is pushed out of the window`);
    // The title's own text stays in its box, and so does the page list's entry.
    const spill = await page.evaluate(() => [...document.querySelectorAll('.bs-page-title, .bs-page-link')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className));
    assert.deepEqual(spill, [], `${what}: text wider than its box`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${what}: the page scrolls sideways`);
    await page.context().close();
  }
});

test('a 100,000-character paragraph opens and the reader answers clicks quickly', async (t) => {
  const page = await guarded('/?date=2020-01-01&page=p1');
  await page.locator('#bs-region-long').waitFor({ state: 'attached' });
  const open = await timedOpen(page, '#bs-region-long', '十万字的段落');
  const first = page.locator('.bs-article-body p').first();
  assert.equal((await first.textContent()).length, LONG_CHARS);
  // With the long article open, another click still answers within a frame or two.
  await page.locator('#bs-region-rtl').waitFor({ state: 'attached' });
  const next = await timedOpen(page, '#bs-region-rtl', RTL);
  t.diagnostic(`open 100,000-char paragraph: ${open.toFixed(1)} ms; next click: ${next.toFixed(1)} ms`);
  assert.ok(open < 1000, `opening took ${open} ms`);
  assert.ok(next < 500, `the next click took ${next} ms`);
  await assertNothingRan(page);
  await page.context().close();
});

test('a 20 MB issue with a 10,000-point polygon opens within bounds and stays responsive', async (t) => {
  const page = await guarded('/?date=2020-01-02');
  await page.locator('#bs-region-b0-0').waitFor({ state: 'attached', timeout: 60_000 });
  const times = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const issue = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/2020-01-02/issue.json'));
    const map = performance.getEntriesByName('broadsheet:map-interactive')[0];
    return { fetched: issue.responseEnd, interactive: map?.startTime, dom: nav.domContentLoadedEventEnd };
  });
  const click = await timedOpen(page, '#bs-region-b0-1', '第1版第2篇');
  const polygon = await timedOpen(page, '#bs-region-b0-0', '一万个点的多边形');
  t.diagnostic(`20 MB issue (${fixture.bigBytes} bytes): fetched at ${times.fetched.toFixed(0)} ms, map interactive at ${times.interactive?.toFixed(0)} ms ` +
    `(parse and render ${(times.interactive - times.fetched).toFixed(0)} ms); click ${click.toFixed(1)} ms; 10,000-point region click ${polygon.toFixed(1)} ms`);
  assert.ok(times.interactive - times.fetched < 10_000, `parse and render took ${times.interactive - times.fetched} ms`);
  assert.ok(click < 500 && polygon < 500, `clicks took ${click} and ${polygon} ms`);
  await assertNothingRan(page);
  await page.context().close();
});

test('a page of 600 small ads: every region on the map, the titles 200 at a time, focus on the first added', async () => {
  const page = await guarded('/?date=2020-01-04');
  const list = page.getByRole('region', { name: /本版标题/ });
  await list.getByRole('link').first().waitFor();
  assert.equal(await page.locator('.bs-region').count(), MANY_ARTICLES, 'every article on the map');
  assert.equal(await list.getByRole('link').count(), 200);
  const more = list.getByRole('button', { name: '再显示 200 篇（还有 400 篇未显示）' });
  await more.focus();
  await page.keyboard.press('Enter');
  await list.getByRole('link', { name: '小广告201', exact: true }).waitFor();
  assert.equal(await list.getByRole('link').count(), 400);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '小广告201', 'focus on the first title added');
  await list.getByRole('button', { name: '再显示 200 篇（还有 200 篇未显示）' }).click();
  await list.getByRole('link', { name: '小广告600', exact: true }).waitFor();
  assert.equal(await list.getByRole('button').count(), 0, 'all shown: no more button');
  // An ad beyond the first 200 opens from the map like any other.
  await clickRegion(page, '小广告555');
  await page.getByRole('heading', { level: 2, name: '小广告555' }).waitFor();
  await assertNothingRan(page);
  await page.context().close();
});

test('a page of 50,000 articles: the first 2,000 read, the rest left out and said, and clicks answered quickly', async (t) => {
  const page = await guarded('/?date=2020-01-05');
  const notice = page.getByRole('status', { name: '本期数据问题' });
  await notice.waitFor({ timeout: 60_000 });
  await notice.getByText('查看问题').click();
  assert.match(await notice.innerText(), new RegExp(`pages\\[0\\]\\.articles .*${FLOOD_ARTICLES} articles on one page; the first 2000 are read and the rest left out`));
  await page.locator('#bs-region-ad2000').waitFor({ state: 'attached', timeout: 60_000 });
  assert.equal(await page.locator('.bs-region').count(), 2000);
  const list = page.getByRole('region', { name: /本版标题/ });
  assert.equal(await list.getByRole('link').count(), 200);
  assert.ok(await list.getByRole('button', { name: '再显示 200 篇（还有 1800 篇未显示）' }).isVisible());
  const first = await timedOpen(page, '#bs-region-ad1999', '小广告1999');
  const next = await timedOpen(page, '#bs-region-ad7', '小广告7');
  t.diagnostic(`50,000-article page: click -> article ${first.toFixed(1)} ms, next ${next.toFixed(1)} ms; ${await page.evaluate(() => document.getElementsByTagName('*').length)} elements`);
  assert.ok(first < 500 && next < 500, `clicks took ${first} and ${next} ms`);
  await assertNothingRan(page);
  await page.context().close();
});

test('JSON nested 100,000 levels deep gets its own message; the rest of the reader still works', async () => {
  const page = await guarded('/?date=2020-01-03');
  const error = page.getByRole('alert').filter({ hasText: 'recursion limit exceeded' });
  await error.waitFor();
  assert.match(await error.innerText(), /2020-01-03\/issue\.json/);
  // The calendar still opens another issue.
  await page.getByRole('link', { name: /^2020年1月1日/ }).first().click();
  await page.getByRole('status', { name: '本期数据问题' }).waitFor();
  await assertNothingRan(page);
  await page.context().close();
});

test('an archive manifest with script links leaves those links out, each named by its path; the rest reads', async () => {
  const page = await watched('/evil/?date=2020-01-03&page=p1');
  const notice = page.getByRole('status', { name: '报纸档案目录问题' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /报纸档案目录有 3 处问题/);
  await notice.getByText('查看问题').click();
  const text = await notice.innerText();
  assert.match(text, /paper\.links\[0\]\.href scheme "javascript:" is not allowed/);
  assert.match(text, /paper\.links\[1\]\.href scheme "data:" is not allowed/);
  assert.match(text, /extra unknown field/);
  // The good link is in the footer; the two bad ones are not.
  const footer = page.getByRole('contentinfo');
  await footer.getByRole('link', { name: '在线投稿' }).waitFor();
  assert.equal(await footer.getByRole('link', { name: '关于我们' }).count(), 0);
  // The month index's entry of another month is left out and said; its days still open.
  const month = page.getByRole('status', { name: '2020年1月的索引问题' });
  await month.waitFor();
  assert.match(await month.innerText(), /2020年1月的索引有 2 处问题/);
  await page.getByRole('link', { name: /^2020年1月1日/ }).first().click();
  await page.getByRole('status', { name: '本期数据问题' }).waitFor();
  await assertNothingRan(page);
  await page.context().close();
});

test('an issue on another site that refuses this page (no CORS) is said to be there, not to be missing offline', async () => {
  // The other site serves the demo's files without CORS headers; the manifest names it.
  const other = await serve({ '/data/': join(ROOT, 'demo/data') });
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-cors-'));
  await cp(join(ROOT, 'demo/data/months'), join(dir, 'months'), { recursive: true });
  const archive = JSON.parse(await readFile(join(ROOT, 'demo/data/archive.json'), 'utf8'));
  archive.issues = `${other.url}/data/issues/{yyyy}-{mm}-{dd}/issue.json`;
  archive.origins = [other.url];
  await writeFile(join(dir, 'archive.json'), JSON.stringify(archive));
  const here = await serve({ '/data/': dir, '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${here.url}/`);
    // Under the offline worker, as a returning reader is: the issue was never saved.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await page.reload();
    const alert = page.getByRole('main').getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    const said = await page.getByRole('main').innerText();
    assert.match(said, /无法连接服务器/);
    assert.ok(said.includes(`该文件在另一网站（${other.url}）上，它可能不允许本页读取（CORS）。`), said);
    assert.doesNotMatch(said, /没有离线保存/, 'the device is online: offline is not the reason');
    assert.ok(other.requests.some((p) => p.endsWith('/issue.json')), 'the issue was asked for');
    assert.ok(await alert.getByRole('button', { name: '重试' }).isVisible());
  } finally {
    await page.context().close();
    await Promise.all([here.close(), other.close()]);
    await rm(dir, { recursive: true, force: true });
  }
});

test('page images on another origin load when the manifest or data-allowed-origins allows it, and are never asked for otherwise', async () => {
  const other = await serve({ '/img/': join(ROOT, 'demo/data/issues/2016-09-24') });
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-origins-'));
  await cp(join(ROOT, 'demo/data'), dir, { recursive: true });
  const issueFile = join(dir, 'issues/2016-09-24/issue.json');
  const issue = JSON.parse(await readFile(issueFile, 'utf8'));
  issue.pages[0].image.src = `${other.url}/img/p1.svg`;
  issue.pages[0].image.renditions = [{ src: `${other.url}/img/p1-thumb.svg`, width: 200 }];
  await writeFile(issueFile, JSON.stringify(issue));
  const manifest = JSON.parse(await readFile(join(dir, 'archive.json'), 'utf8'));
  const declare = (origins) => writeFile(join(dir, 'archive.json'), JSON.stringify({ ...manifest, origins }));
  const hosts = { none: await hostPage(), other: await hostPage({ 'data-allowed-origins': other.url }),
    elsewhere: await hostPage({ 'data-allowed-origins': 'https://img.example.net' }) };
  const here = await serve({ '/none.html': hosts.none.file, '/other.html': hosts.other.file,
    '/elsewhere.html': hosts.elsewhere.file, '/data/': dir, '/': DIST });
  /** Opens the first page of the latest issue through `host`; says whether its image came from the other site. */
  async function open(host) {
    const page = await newPage(browser, { serviceWorkers: 'block' });
    const before = other.requests.length;
    await page.goto(`${here.url}/${host}.html?date=2016-09-24&page=p1`);
    const image = page.locator('img.bs-page-image');
    const absent = page.getByRole('alert').filter({ hasText: '本版没有可用的版面图' });
    await Promise.race([image.waitFor(), absent.waitFor()]);
    const loaded = (await image.count()) > 0
      && await image.evaluate((img) => img.decode().then(() => img.src, () => `failed ${img.src}`));
    const notice = page.getByRole('status', { name: '本期数据问题' });
    const problems = (await notice.count()) ? await notice.innerText() : '';
    const asked = other.requests.slice(before);
    await page.context().close();
    return { loaded, problems, asked };
  }
  try {
    await declare([other.url]);
    const declared = await open('none');
    assert.equal(declared.loaded, `${other.url}/img/p1.svg`, 'declared in the manifest: loaded');
    assert.ok(declared.asked.includes('/img/p1.svg'));
    // The host page's list replaces the manifest's: the image is left out and never asked for.
    const overridden = await open('elsewhere');
    assert.equal(overridden.loaded, false);
    assert.deepEqual(overridden.asked, []);
    assert.match(overridden.problems, /本期数据有 2 处问题/);
    await declare(undefined);
    const undeclared = await open('none');
    assert.equal(undeclared.loaded, false, 'declared nowhere: left out');
    assert.deepEqual(undeclared.asked, []);
    const allowed = await open('other');
    assert.equal(allowed.loaded, `${other.url}/img/p1.svg`, 'named by data-allowed-origins: loaded');
  } finally {
    await Promise.all([here.close(), other.close()]);
    await Promise.all(Object.values(hosts).map((h) => h.remove()));
    await rm(dir, { recursive: true, force: true });
  }
});
