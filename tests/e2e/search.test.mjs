// Search within the issue, as a reader meets it: type in the search box, see the results with
// their snippets, the matching articles outlined on the page map and their pages marked in the
// page list; open a result and find the hits marked in the text; the query is in the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newPage, clickRegion, ROOT, shareBrowserAndApp, address } from './harness.mjs';
import { BIG_DATE, serveBigIssue, searchCodeIn } from './big-issue.mjs';
import { PHONE } from './phone-checks.mjs';

const ISSUE = JSON.parse(await readFile(join(ROOT, 'demo/data/issues/2016-09-24/issue.json'), 'utf8'));

/** Every field search covers, as one text per readable article (the data is simplified Chinese). */
const texts = (a) => [a.pretitle, a.title, a.subtitle, a.byline,
  ...(a.body ?? []).map((b) => b.text ?? b.caption)].filter(Boolean);
const occurrences = (s, q) => s.split(q).length - 1;
const articles = ISSUE.pages.flatMap((p) => p.articles.filter((a) => (a.kind ?? 'article') === 'article')
  .map((a) => ({ ...a, home: p.id })));
/** Expected: the articles containing `q` and the pages they are printed on. */
function expected(q) {
  const hits = articles.filter((a) => texts(a).some((t) => t.includes(q)));
  const pages = new Set(hits.flatMap((a) => [a.home, ...a.regions.map((r) => r.page ?? a.home)]));
  return { ids: hits.map((a) => a.id), titles: hits.map((a) => a.title), pages };
}

let browser, server;
shareBrowserAndApp((b, s) => { browser = b; server = s; });

async function open(path = '/') {
  const page = await newPage(browser);
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('.bs-region').first().waitFor({ state: 'attached' });
  return page;
}

const box = (page) => page.getByRole('searchbox', { name: '在本期中检索' });
const results = (page) => page.getByRole('list', { name: '检索结果' });
const status = (page) => page.locator('.bs-search').getByRole('status');
const outlined = (page) => page.locator('.bs-region.bs-search-hit')
  .evaluateAll((links) => links.map((a) => a.id.replace('bs-region-', '')).sort());
const onPage = (pid) => ISSUE.pages.find((p) => p.id === pid);
function regionsOn(pid) {
  return articles.filter((a) => a.regions.some((r) => (r.page ?? a.home) === pid)).map((a) => a.id);
}

test('typing a traditional-character query finds the simplified text, outlines regions and marks pages', async () => {
  const page = await open('/');
  const want = expected('妇联');
  assert.ok(want.ids.length >= 4, 'the demo issue mentions 妇联 in several articles');
  await box(page).click();
  await page.keyboard.type('婦聯');
  await status(page).filter({ hasText: `找到 ${want.ids.length} 篇文章` }).waitFor();
  // The results: every matching article's title, in reading order, each with a marked snippet.
  const items = results(page).getByRole('listitem');
  assert.deepEqual(await results(page).getByRole('link').allInnerTexts(), want.titles);
  for (let i = 0; i < want.ids.length; i++) {
    const snippet = items.nth(i).locator('.bs-search-snippet');
    assert.equal(await snippet.locator('mark').innerText(), '妇联');
  }
  assert.match(await items.first().innerText(), /第01版 要闻/);
  // The query is in the URL, as typed, once typing pauses.
  await page.waitForURL((u) => u.searchParams.get('q') === '婦聯');
  // Every page of the issue: its matching articles' regions are outlined, no others.
  for (const p of ISSUE.pages) {
    await page.getByRole('navigation', { name: '版面导航' }).getByRole('button', { name: new RegExp(`第${p.number}版`) }).click();
    await page.locator('.bs-page-title').filter({ hasText: p.name }).waitFor();
    const mine = regionsOn(p.id).filter((id) => want.ids.includes(id)).sort();
    assert.deepEqual(await outlined(page), mine, `page ${p.id}`);
    // The page list marks pages with hits, with how many articles match there.
    const button = page.getByRole('navigation', { name: '版面导航' }).getByRole('button', { name: new RegExp(`第${p.number}版`) });
    const mark = button.locator('.bs-page-hits');
    if (want.pages.has(p.id)) assert.equal(await mark.innerText(), `${regionsOn(p.id).filter((id) => want.ids.includes(id)).length}篇含检索词`);
    else assert.equal(await mark.count(), 0, `page ${p.id} has no hits`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('activating a result opens the article with every hit marked; back returns to the results', async () => {
  const page = await open('/');
  await box(page).fill('娘家人');
  const link = results(page).getByRole('link', { name: '好姐妹·娘家人' });
  await link.click();
  const article = page.getByRole('article');
  await article.getByRole('heading', { level: 2, name: '好姐妹·娘家人' }).waitFor();
  const a0202 = articles.find((a) => a.id === 'a0202');
  const marks = await article.locator('mark').allInnerTexts();
  assert.equal(marks.length, texts(a0202).reduce((n, t) => n + occurrences(t, '娘家人'), 0));
  assert.ok(marks.every((m) => m === '娘家人'));
  // The text around the marks is whole: marking never drops or repeats characters.
  const firstParagraph = a0202.body.find((b) => b.type === 'paragraph').text;
  assert.equal(await article.locator('.bs-article-body p').first().innerText(), firstParagraph);
  // The map shows the article's page with its region outlined and open.
  const region = page.locator('#bs-region-a0202');
  assert.match(await region.getAttribute('class'), /bs-search-hit/);
  assert.equal(await region.getAttribute('aria-current'), 'true');
  const url = (await address(page));
  assert.equal(url.searchParams.get('article'), 'a0202');
  assert.equal(url.searchParams.get('q'), '娘家人');
  // Back returns to the search, query and all, even when the result was opened at once.
  await page.goBack();
  await page.getByRole('article').waitFor({ state: 'detached' });
  assert.equal((await address(page)).searchParams.get('q'), '娘家人');
  assert.equal(await box(page).inputValue(), '娘家人');
  assert.equal(await results(page).getByRole('link').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a deep link with a query opens with the search done; clearing it removes every trace', async () => {
  const page = await open(`/?page=p2&q=${encodeURIComponent('ＲＭＢ黄小希')}`);
  // Full-width letters fold to half-width: the byline has no "rmb", so nothing is found.
  await status(page).filter({ hasText: '本期没有找到“ＲＭＢ黄小希”' }).waitFor();
  assert.equal(await results(page).count(), 0);
  assert.deepEqual(await outlined(page), []);
  await box(page).fill('黄小希');
  await results(page).getByRole('link', { name: '好姐妹·娘家人' }).waitFor();
  assert.deepEqual(await outlined(page), ['a0202']);
  await page.locator('.bs-search').getByRole('button', { name: '清除检索' }).click();
  assert.equal(await box(page).inputValue(), '');
  assert.equal(await results(page).count(), 0);
  assert.deepEqual(await outlined(page), []);
  assert.equal(await page.locator('.bs-page-hits').count(), 0);
  assert.equal((await address(page)).searchParams.get('q'), null);
  assert.equal((await address(page)).searchParams.get('page'), 'p2');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the open article marks hits as the query changes, and a region opens its article still marked', async () => {
  const page = await open('/?page=p2');
  await clickRegion(page, '好姐妹·娘家人');
  const article = page.getByRole('article');
  await article.getByRole('heading', { level: 2, name: '好姐妹·娘家人' }).waitFor();
  assert.equal(await article.locator('mark').count(), 0);
  await box(page).fill('姐妹');
  await article.locator('mark').first().waitFor();
  const a0202 = articles.find((a) => a.id === 'a0202');
  assert.equal(await article.locator('mark').count(), texts(a0202).reduce((n, t) => n + occurrences(t, '姐妹'), 0));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in a hundred-page issue a query typed as the box takes focus waits for the index, never answers "nothing found" meanwhile, and the page never stalls', async () => {
  const big = await serveBigIssue(100, 10);
  try {
    const page = await newPage(browser);
    await page.goto(`${big.url}/?date=${BIG_DATE}`);
    await page.locator('.bs-region').first().waitFor({ state: 'attached' });
    await searchCodeIn(page);
    await page.evaluate(() => {
      window.__long = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long = Math.max(window.__long, e.duration); }).observe({ type: 'longtask' });
      // Every text the status line shows while the query is typed and answered.
      window.__said = [];
      const line = document.querySelector('.bs-search-status');
      new MutationObserver(() => window.__said.push(line.textContent)).observe(line, { childList: true, subtree: true, characterData: true });
    });
    await box(page).click();
    await page.keyboard.type('妇联组织转变作风');
    // One article in each of the 25 copies of the demo issue.
    await status(page).filter({ hasText: '找到 25 篇文章' }).waitFor();
    assert.equal(await results(page).getByRole('link').count(), 20, 'the first batch of results');
    const said = await page.evaluate(() => window.__said);
    assert.ok(!said.some((t) => t.includes('没有找到')), `a query typed before the index was whole was answered: ${JSON.stringify(said)}`);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('broadsheet:search-index').length), 1, 'the index was built once');
    // Built in one task it took 258 ms on a desktop here; in slices no task comes near 200 ms
    // (issue 17's bound for the tab), whatever the machine's load.
    await page.waitForTimeout(200);
    const long = await page.evaluate(() => window.__long);
    assert.ok(long < 200, `the longest task while the index was built and the query answered: ${long} ms`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await big.close();
  }
});

test('on a phone, a link with a query into a hundred-page issue answers once the index is whole; meanwhile the status line says it prepares, never "nothing found"', async () => {
  const big = await serveBigIssue(100, 10);
  try {
    const page = await newPage(browser, PHONE);
    // A mid-range phone's CPU, as the benches' phone profile has it.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      // Every text the status line shows, from the moment it is there.
      window.__said = [];
      new MutationObserver(() => {
        const line = document.querySelector('.bs-search-status');
        if (line && window.__said.at(-1) !== line.textContent) window.__said.push(line.textContent);
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(`${big.url}/?date=${BIG_DATE}&q=${encodeURIComponent('妇联组织转变作风')}`);
    await status(page).filter({ hasText: '找到 25 篇文章' }).waitFor({ timeout: 60_000 });
    assert.equal(await results(page).getByRole('link').count(), 20, 'the first batch of results');
    const said = await page.evaluate(() => window.__said);
    // Preparing (while search's code and the index come), then the answer: never "nothing found".
    const allowed = ['', '正在准备检索…', '找到 25 篇文章'];
    assert.ok(said.every((t) => allowed.includes(t)), `the status line said: ${JSON.stringify(said)}`);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('broadsheet:search-index').length), 1, 'the index was built once');
    // (Its slices are no long task here; this profile's long tasks are the frames of a page list
    // of a hundred pages, 60-150 ms of layout and paint each: not search's to bound.)
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await big.close();
  }
});
