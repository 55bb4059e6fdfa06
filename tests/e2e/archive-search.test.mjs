// Search of the whole archive (issue 17), as a reader meets it, with the reader under a sub-path
// (/epaper/) and every answer carrying the strict CSP: the first load fetches nothing of the
// index; choosing "the whole archive" starts Pagefind's worker and finds a Chinese word across
// the demo's issues and an English word (by its inflection) in the imported Beaver County News;
// a date range keeps to its days; a result opens its article in its issue with the hits marked;
// an archive without an index has no scope switch; an index that cannot be fetched says so, and
// retry works once it is back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, serve, DIST, ROOT, address } from './harness.mjs';
import { PHONE } from './phone-checks.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
/** The app under /epaper/ with the demo archive, Beaver under /epaper/beaver/, a copy of the
 * demo without its index under /epaper/plain/, every answer with the strict CSP. */
async function site(plain) {
  const index = await readFile(join(DIST, 'index.html'), 'utf8');
  const pages = {
    '/epaper/beaver.html': index.replace('data-archive="data/"', 'data-archive="beaver/"'),
    '/epaper/plain.html': index.replace('data-archive="data/"', 'data-archive="plain/"'),
  };
  const mounts = { '/epaper/beaver/': join(ROOT, 'demo/beaver'), '/epaper/plain/': plain, '/epaper/': DIST };
  return serve(mounts, { headers: { 'content-security-policy': CSP }, pages });
}

let browser, web, plain;
before(async () => {
  browser = await launch();
  plain = await mkdtemp(join(tmpdir(), 'broadsheet-plain-'));
  await cp(join(ROOT, 'demo/data'), plain, { recursive: true });
  await rm(join(plain, 'search'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(plain, 'archive.json'), 'utf8'));
  delete manifest.search;
  delete manifest.search_start;
  await writeFile(join(plain, 'archive.json'), JSON.stringify(manifest));
  web = await site(plain);
});
after(async () => {
  await web?.close();
  await browser?.close();
  if (plain) await rm(plain, { recursive: true });
});

async function open(path, locale = 'zh-CN') {
  const page = await newPage(browser, { locale });
  await page.goto(`${web.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('.bs-region').first().waitFor({ state: 'attached' });
  return page;
}

const searched = () => web.requests.filter((p) => p.includes('/search/'));
// The newest shard's start-up file.
const shardMeta = (p) => /\/epaper\/data\/search\/2016\/pagefind\.[^/]+\.pf_meta$/.test(p);

/** Opens the reader with the whole archive chosen and the search box focused (which sets the
 * engine up while a query would be typed). */
async function focusWholeArchive() {
  const page = await open('/epaper/');
  await page.getByRole('radio', { name: '全部报纸' }).check();
  await page.getByRole('searchbox', { name: '在全部报纸中检索' }).focus();
  return page;
}
const status = (page) => page.locator('.bs-search-archive').getByRole('status');

test('the first load fetches nothing of the index; the whole archive finds a Chinese word in every issue', async () => {
  web.requests.length = 0;
  const page = await open('/epaper/');
  assert.deepEqual(searched(), [], 'nothing of search/ before a whole-archive search');
  await page.getByRole('radio', { name: '全部报纸' }).check();
  assert.deepEqual(searched(), [], 'nor on choosing the scope');
  await page.getByRole('searchbox', { name: '在全部报纸中检索' }).fill('妇联');
  await status(page).filter({ hasText: /找到 \d+ 篇文章，共检索 1 年/ }).waitFor();
  const results = page.getByRole('list', { name: '全部报纸的检索结果' });
  await results.getByRole('listitem').first().waitFor();
  const items = await results.getByRole('listitem').all();
  assert.ok(items.length >= 5, `several articles across the demo's issues: ${items.length}`);
  const dates = new Set();
  for (const item of items) {
    const text = await item.innerText();
    dates.add(text.match(/2016-\d\d-\d\d/)?.[0]);
    assert.match(text, /第\d+版/);
    assert.equal(await item.locator('.bs-search-snippet mark').first().innerText(), '妇联');
  }
  assert.ok(dates.size >= 2, `results from more than one issue: ${[...dates]}`);
  const url = (await address(page));
  assert.equal(url.searchParams.get('in'), 'archive');
  assert.equal(url.searchParams.get('q'), '妇联');
  // Pagefind's worker and wasm, from the index's engine folder under the sub-path; not its script.
  assert.ok(searched().includes('/epaper/data/search/engine/pagefind-worker.js'), searched().join(' '));
  assert.ok(searched().some((p) => /\/epaper\/data\/search\/engine\/wasm\.[a-z-]+\.pagefind$/.test(p)));
  assert.ok(!searched().some((p) => p.endsWith('/pagefind.js')));
  assert.deepEqual(page.errors, [], 'no CSP violation, no error');
  await page.context().close();
});

test('focusing the box starts the engine and the first shard while the query is typed; the search asks for none of their files again', async () => {
  web.requests.length = 0;
  // The engine's code is in the results' part: focus asks for the engine before that part is in
  // (held 1.5 s), and it starts once it is.
  const part = /\/split_archive_results_part\.wasm$/;
  web.fault(part, 'slow', { delay: 1500 });
  try {
    const page = await focusWholeArchive();
    // The shard's start-up file and the shard list arrive before anything is typed.
    const warm = () => searched().some(shardMeta) && searched().includes('/epaper/data/search/index.json');
    for (let k = 0; k < 100 && !warm(); k++) await page.waitForTimeout(100);
    assert.ok(warm(), `the newest shard is set up on focus: ${searched().join(' ')}`);
    assert.ok(web.requests.some((r) => part.test(r)), 'the build has the results\' part, and it was held');
    const warmed = searched().length;
    await page.getByRole('searchbox', { name: '在全部报纸中检索' }).fill('妇联');
    await status(page).filter({ hasText: /找到 \d+ 篇文章，共检索 1 年/ }).waitFor();
    const once = ['index.json', 'engine/pagefind-worker.js', '2016/pagefind-entry.json'].map((f) => `/epaper/data/search/${f}`);
    for (const f of once) assert.equal(searched().filter((p) => p === f).length, 1, `${f} asked once: ${searched().join(' ')}`);
    assert.equal(searched().filter(shardMeta).length, 1, 'the shard set up once');
    // What the search itself asked for: the word's index chunk, the filters' counts and the
    // results' records.
    assert.ok(searched().slice(warmed).every((p) => /\/(index|filter|fragment)\/[^/]+\.pf_(index|filter|fragment)$/.test(p)), searched().slice(warmed).join(' '));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    web.clear(part);
  }
});

test('the files that set up the engine and the shard are asked for together, not each once the one before has answered', async () => {
  web.requests.length = 0;
  // Pagefind alone asks for a merged shard's files only once its wasm is in: hold the wasm back.
  const wasm = /\/epaper\/data\/search\/engine\/wasm\.[a-z-]+\.pagefind$/;
  web.fault(wasm, 'slow', { delay: 6000 });
  try {
    const page = await focusWholeArchive();
    const started = Date.now();
    for (let k = 0; k < 50 && !searched().some(shardMeta); k++) await page.waitForTimeout(100);
    assert.ok(searched().some(shardMeta) && Date.now() - started < 6000, `the shard's start-up file is asked for while the wasm is held: ${searched().join(' ')}`);
    assert.ok(searched().some((p) => wasm.test(p)));
    await page.getByRole('searchbox', { name: '在全部报纸中检索' }).fill('妇联');
    await status(page).filter({ hasText: /找到 \d+ 篇文章，共检索 1 年/ }).waitFor({ timeout: 30_000 });
    for (const f of [wasm, shardMeta, /\/engine\/pagefind-entry\.json$/, /\/2016\/pagefind-entry\.json$/]) {
      const test = typeof f === 'function' ? f : (p) => f.test(p);
      assert.equal(searched().filter(test).length, 1, `${f} asked once: ${searched().join(' ')}`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    web.clear(wasm);
  }
});

test('the files archive.json names for a first search are asked for with the shard list, not once the worker has arrived', async () => {
  web.requests.length = 0;
  // Hold the worker's script back: the page asks for the engine's and the newest shard's
  // start-up files meanwhile, and the worker is handed them.
  const worker = '/epaper/data/search/engine/pagefind-worker.js';
  web.fault(worker, 'slow', { delay: 5000 });
  try {
    const page = await open('/epaper/');
    const named = JSON.parse(await readFile(join(ROOT, 'demo/data/archive.json'), 'utf8')).search_start;
    assert.ok(named.some((f) => f.startsWith('2016/')) && named.some((f) => f.startsWith('engine/wasm.')), named.join(' '));
    const wanted = named.map((f) => `/epaper/data/search/${f}`);
    await page.getByRole('radio', { name: '全部报纸' }).check();
    const started = Date.now();
    await page.getByRole('searchbox', { name: '在全部报纸中检索' }).fill('妇联');
    for (let k = 0; k < 40 && !wanted.every((f) => searched().includes(f)); k++) await page.waitForTimeout(100);
    assert.ok(wanted.every((f) => searched().includes(f)) && Date.now() - started < 5000, `all before the worker: ${searched().join(' ')}`);
    await status(page).filter({ hasText: /找到 \d+ 篇文章，共检索 1 年/ }).waitFor({ timeout: 30_000 });
    for (const f of [...wanted, worker]) assert.equal(searched().filter((p) => p === f).length, 1, `${f} asked once: ${searched().join(' ')}`);
    // The records of the results shown come after the status counts them.
    await page.getByRole('list', { name: '全部报纸的检索结果' }).getByRole('link').first().waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    web.clear(worker);
  }
});

test('a stale list of start-up files in archive.json costs its bytes, never the search', async () => {
  web.requests.length = 0;
  const page = await newPage(browser, { locale: 'zh-CN' });
  // An archive.json from before the newest shard was built again: its start-up file is gone.
  await page.route('**/epaper/data/archive.json', async (route) => {
    const a = await (await route.fetch()).json();
    a.search_start = a.search_start.map((f) => f.replace(/pagefind\.[^/]+\.pf_meta$/, 'pagefind.zh-cn_0000000.pf_meta'));
    await route.fulfill({ json: a });
  });
  await page.goto(`${web.url}/epaper/?in=archive&q=%E5%A6%87%E8%81%94`);
  await status(page).filter({ hasText: /找到 \d+ 篇文章，共检索 1 年/ }).waitFor({ timeout: 30_000 });
  assert.ok(searched().includes('/epaper/data/search/2016/pagefind.zh-cn_0000000.pf_meta'), searched().join(' '));
  // The records of the results shown come after the status counts them.
  await page.getByRole('list', { name: '全部报纸的检索结果' }).getByRole('link').first().waitFor();
  assert.deepEqual(page.errors.filter((e) => !/404/.test(e)), []);
  await page.context().close();
});

test('a result opens its article in its issue with the hits marked; the search is a link', async () => {
  const page = await open('/epaper/?in=archive&q=%E5%A6%87%E8%81%94&sort=oldest');
  const first = page.getByRole('list', { name: '全部报纸的检索结果' }).getByRole('link').first();
  await first.waitFor();
  assert.equal(await page.getByRole('combobox', { name: '排序', exact: true }).inputValue(), 'oldest');
  const title = await first.innerText();
  const place = await page.locator('.bs-search-result .bs-search-place').first().innerText();
  assert.match(place, /^2016-06-25/, `oldest first: ${place}`);
  await first.click();
  await page.getByRole('heading', { level: 2, name: title }).waitFor();
  const url = (await address(page));
  assert.equal(url.searchParams.get('date'), '2016-06-25');
  assert.ok(url.searchParams.get('article'));
  assert.ok((await page.locator('.bs-article mark').count()) > 0, 'the hits are marked in the article');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a date range keeps to its days', async () => {
  const page = await open('/epaper/?in=archive&q=%E5%A6%87%E8%81%94&from=2016-09-10&to=2016-09-17');
  await status(page).filter({ hasText: /共检索 1 年/ }).waitFor();
  const places = await page.locator('.bs-search-result .bs-search-place').allInnerTexts();
  assert.ok(places.length > 0);
  for (const p of places) assert.match(p, /^2016-09-(10|17)/);
  assert.equal(await page.getByLabel('从', { exact: true }).inputValue(), '2016-09-10');
  await page.context().close();
});

test('an English word is found by its inflection in the imported Beaver County News', async () => {
  const page = await open('/epaper/beaver.html?in=archive&q=meetings', 'en-US');
  const results = page.getByRole('list', { name: 'Results in the whole archive' });
  await results.getByRole('link', { name: "Business Men's Meeting" }).waitFor();
  assert.ok((await results.locator('mark').count()) > 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an archive without an index has no scope switch, and searching the issue still works', async () => {
  const page = await open('/epaper/plain.html?in=archive');
  assert.equal(await page.getByRole('radio').count(), 0);
  await page.getByRole('searchbox').fill('妇联');
  await page.getByRole('list', { name: '检索结果' }).getByRole('link').first().waitFor();
  assert.equal(await page.locator('.bs-search-archive').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an index that cannot be fetched says so in place, and retry finds it once it is back', async () => {
  web.fault('/epaper/data/search/index.json', '404');
  const page = await newPage(browser, { locale: 'zh-CN' });
  await page.goto(`${web.url}/epaper/?in=archive&q=%E5%A6%87%E8%81%94`);
  const alert = page.getByRole('alert').filter({ hasText: '无法加载检索索引' });
  await alert.waitFor();
  // The rest of the reader works.
  await page.getByRole('heading', { level: 1 }).waitFor();
  web.clear();
  await alert.getByRole('button', { name: '重试' }).click();
  await page.getByRole('list', { name: '全部报纸的检索结果' }).getByRole('link').first().waitFor();
  await page.context().close();
});

const archiveResults = (page, name = '全部报纸的检索结果') => page.getByRole('list', { name });

test('more results on demand; a section filter narrows them and goes into the address; a month filter too', async () => {
  const page = await open('/epaper/?in=archive&q=%E5%A6%87%E8%81%94');
  // The demo has 妇联 in 14 articles of 5 issues: ten shown, the rest on demand.
  await status(page).filter({ hasText: '找到 14 篇文章，共检索 1 年' }).waitFor();
  const links = archiveResults(page).getByRole('link');
  await links.nth(9).waitFor();
  assert.equal(await links.count(), 10);
  await page.getByRole('button', { name: '显示更多结果' }).click();
  await links.nth(13).waitFor();
  assert.equal(await links.count(), 14);
  assert.equal(await page.getByRole('button', { name: '显示更多结果' }).count(), 0);
  // The filters offer the index's sections, page numbers and the months of its range.
  const section = page.getByRole('combobox', { name: '栏目', exact: true });
  assert.deepEqual(await section.locator('option').allInnerTexts(), ['全部', '家庭', '综合新闻', '要闻', '评论']);
  assert.deepEqual(await page.getByRole('combobox', { name: '版次', exact: true }).locator('option').allInnerTexts(),
    ['全部', '第01版', '第02版', '第03版', '第04版']);
  assert.deepEqual(await page.getByRole('combobox', { name: '月份', exact: true }).locator('option').allInnerTexts(),
    ['全部', '2016-09', '2016-08', '2016-07', '2016-06']);
  await section.selectOption({ label: '家庭' });
  await status(page).filter({ hasText: '找到 3 篇文章，共检索 1 年' }).waitFor();
  await links.nth(2).waitFor();
  assert.equal(await links.count(), 3);
  for (const p of await page.locator('.bs-search-result .bs-search-place').allInnerTexts()) assert.match(p, /家庭$/);
  assert.equal((await address(page)).searchParams.get('section'), '家庭');
  // The address is the search: opened afresh it shows the same three.
  const again = await open(`/epaper/${(await address(page)).search}`);
  await status(again).filter({ hasText: '找到 3 篇文章，共检索 1 年' }).waitFor();
  assert.equal(await again.getByRole('combobox', { name: '栏目', exact: true }).inputValue(), '家庭');
  // And a month: 2016-09 has three of the five issues; 家庭 in it is one article (2016-09-10).
  await again.getByRole('combobox', { name: '月份', exact: true }).selectOption({ label: '2016-09' });
  await status(again).filter({ hasText: '找到 1 篇文章，共检索 1 年' }).waitFor();
  await again.locator('.bs-search-result').first().waitFor();
  assert.match(await again.locator('.bs-search-result .bs-search-place').innerText(), /^2016-09-10 .*家庭$/);
  assert.equal((await address(again)).searchParams.get('month'), '2016-09');
  assert.deepEqual([...page.errors, ...again.errors], []);
  await again.context().close();
  await page.context().close();
});

test('by keyboard: type in the whole archive, Tab to a result, Enter opens its article', async () => {
  const page = await open('/epaper/');
  await page.getByRole('radio', { name: '全部报纸' }).check();
  const box = page.getByRole('searchbox', { name: '在全部报纸中检索' });
  await box.focus();
  await page.keyboard.type('长征');
  const link = archiveResults(page).getByRole('link', { name: '铭记红军丰功伟绩 弘扬伟大长征精神' });
  await link.waitFor();
  // The status line, a live region, says what was found (screen readers read it out).
  assert.equal(await status(page).getAttribute('aria-live'), 'polite');
  await status(page).filter({ hasText: '找到 1 篇文章，共检索 1 年' }).waitFor();
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await link.evaluate((a) => document.activeElement === a);
  }
  assert.ok(reached, 'the result is reachable by Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: '铭记红军丰功伟绩 弘扬伟大长征精神' }).waitFor();
  assert.equal((await address(page)).searchParams.get('date'), '2016-09-24');
  assert.equal(await page.locator('.bs-article mark').first().innerText(), '长征');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a longer Chinese phrase, traditional characters and full-width letters find what the index holds', async () => {
  const page = await open('/epaper/?in=archive&q=%E7%B2%BE%E5%87%86%E6%89%B6%E8%B4%AB');
  const titles = () => archiveResults(page).getByRole('link').allInnerTexts();
  await status(page).filter({ hasText: /找到 \d+ 篇文章，共检索 1 年/ }).waitFor();
  await archiveResults(page).getByRole('link').first().waitFor();
  // 精准扶贫 is in two articles of the demo, the same story in two issues.
  assert.deepEqual(await titles(), ['扶贫车间建在家门口', '扶贫车间建在家门口']);
  for (const m of await page.locator('.bs-search-snippet mark').allInnerTexts()) assert.equal(m, '精准扶贫');
  // 婦聯 (traditional) finds what 妇联 finds.
  const box = page.getByRole('searchbox', { name: '在全部报纸中检索' });
  await box.fill('婦聯');
  await status(page).filter({ hasText: '找到 14 篇文章，共检索 1 年' }).waitFor();
  await page.context().close();
  // Full-width letters in Beaver County News: ｍｅｅｔｉｎｇｓ finds its Meeting.
  const en = await open('/epaper/beaver.html?in=archive&q=%EF%BD%8D%EF%BD%85%EF%BD%85%EF%BD%94%EF%BD%89%EF%BD%8E%EF%BD%87%EF%BD%93', 'en-US');
  await archiveResults(en, 'Results in the whole archive').getByRole('link', { name: "Business Men's Meeting" }).waitFor();
  assert.deepEqual(en.errors, []);
  await en.context().close();
});

test('in the imported Beaver County News: a date range, and a result opening its article with the hits marked', async () => {
  const outside = await open('/epaper/beaver.html?in=archive&q=meeting&from=1916-06-01&to=1916-12-31', 'en-US');
  await status(outside).filter({ hasText: 'Nothing found in the archive for “meeting”' }).waitFor();
  await outside.context().close();
  const page = await open('/epaper/beaver.html?in=archive&q=meeting&from=1916-05-01&to=1916-05-31', 'en-US');
  const link = archiveResults(page, 'Results in the whole archive').getByRole('link', { name: "Business Men's Meeting" });
  await link.waitFor();
  assert.match(await page.locator('.bs-search-result .bs-search-place').first().innerText(), /^1916-05-12/);
  await link.click();
  await page.getByRole('heading', { level: 2, name: "Business Men's Meeting" }).waitFor();
  assert.equal((await address(page)).searchParams.get('date'), '1916-05-12');
  assert.ok((await page.locator('.bs-article mark').count()) > 0, 'the hits are marked in the article');
  // And on the words of the page, which has a words file.
  await page.waitForFunction(() => document.querySelectorAll('.bs-text-hits rect').length > 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a corrupt index file or an engine that cannot be fetched: a message in place, never a panic; retry once mended', async () => {
  const cases = [
    ['index list', () => web.fault(/^\/epaper\/data\/search\/index\.json$/, 'corrupt')],
    ['shard start-up file', () => web.fault(/^\/epaper\/data\/search\/2016\/.*\.pf_meta$/, 'corrupt')],
    ['shard word index', () => web.fault(/^\/epaper\/data\/search\/2016\/index\//, 'corrupt')],
    ['record', () => web.fault(/^\/epaper\/data\/search\/2016\/fragment\//, 'corrupt')],
    ['engine worker', () => web.fault('/epaper/data/search/engine/pagefind-worker.js', '404')],
    // The worker keeps the engine's files it has read for the next shard: not a broken one.
    ['engine wasm', () => web.fault(/^\/epaper\/data\/search\/engine\/wasm\./, 'corrupt')],
  ];
  for (const [what, spoil] of cases) {
    spoil();
    const page = await open('/epaper/?in=archive&q=%E5%A6%87%E8%81%94');
    const alert = page.getByRole('alert').filter({ hasText: '无法加载检索索引' });
    await alert.waitFor();
    // The rest of the reader works: this search finds its articles.
    await page.getByRole('radio', { name: '本期' }).check();
    await page.getByRole('list', { name: '检索结果' }).getByRole('link').first().waitFor();
    await page.getByRole('radio', { name: '全部报纸' }).check();
    await alert.waitFor();
    web.clear();
    await alert.getByRole('button', { name: '重试' }).click();
    await status(page).filter({ hasText: '找到 14 篇文章，共检索 1 年' }).waitFor();
    await archiveResults(page).getByRole('link').first().waitFor();
    const panics = page.errors.filter((e) => /panicked|unreachable|RuntimeError/.test(e));
    assert.deepEqual(panics, [], `${what}: no panic`);
    await page.context().close();
  }
});

test('on a phone, every control of the whole-archive search is a 44 px tap target', async () => {
  const page = await newPage(browser, { ...PHONE, locale: 'zh-CN' });
  await page.goto(`${web.url}/epaper/?in=archive&q=%E5%A6%87%E8%81%94`);
  await archiveResults(page).getByRole('link').nth(9).waitFor();
  await page.getByRole('button', { name: '显示更多结果' }).waitFor();
  const small = await page.locator('.bs-search').evaluate((panel) => {
    const out = [];
    for (const el of panel.querySelectorAll('a[href], button, select, input')) {
      const r = el.getBoundingClientRect();
      if (r.width < 43.5 || r.height < 43.5) out.push(`${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 20)} ${r.width.toFixed(1)}x${r.height.toFixed(1)}`);
    }
    return out;
  });
  assert.deepEqual(small, []);
  // The scope is still a pair of radios to assistive technology and the keyboard.
  assert.equal(await page.getByRole('radio', { name: '全部报纸' }).isChecked(), true);
  await page.getByRole('radio', { name: '本期' }).check();
  await page.getByRole('searchbox', { name: '在本期中检索' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
