// Search of the whole archive (issue 17), as a reader meets it, with the reader under a sub-path
// (/epaper/) and every answer carrying the strict CSP: the first load fetches nothing of the
// index; choosing "the whole archive" starts Pagefind's worker and finds a Chinese word across
// the demo's issues and an English word (by its inflection) in the imported Beaver County News;
// a date range keeps to its days; a result opens its article in its issue with the hits marked;
// an archive without an index has no scope switch; an index that cannot be fetched says so, and
// retry works once it is back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { launch, newPage, DIST, ROOT } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg',
};

/** The app under /epaper/ with the demo archive, Beaver under /epaper/beaver/, a copy of the
 * demo without its index under /epaper/plain/; `broken` paths answer 404. */
async function site(plain) {
  const requests = [];
  const broken = new Set();
  const index = await readFile(join(DIST, 'index.html'), 'utf8');
  const pages = {
    '/epaper/beaver.html': index.replace('data-archive="data/"', 'data-archive="beaver/"'),
    '/epaper/plain.html': index.replace('data-archive="data/"', 'data-archive="plain/"'),
  };
  const mounts = [['/epaper/beaver/', join(ROOT, 'demo/beaver')], ['/epaper/plain/', plain], ['/epaper/', DIST]];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const headers = { 'content-security-policy': CSP };
    if (broken.has(path)) { res.writeHead(404, headers).end('not found'); return; }
    if (pages[path]) { res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] }).end(pages[path]); return; }
    const mount = mounts.find(([p]) => path.startsWith(p));
    if (!mount) { res.writeHead(404, headers).end(); return; }
    let file = normalize(join(mount[1], path.slice(mount[0].length)));
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`, requests, broken,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

let browser, web, plain;
before(async () => {
  browser = await launch();
  plain = await mkdtemp(join(tmpdir(), 'broadsheet-plain-'));
  await cp(join(ROOT, 'demo/data'), plain, { recursive: true });
  await rm(join(plain, 'search'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(plain, 'archive.json'), 'utf8'));
  delete manifest.search;
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
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('in'), 'archive');
  assert.equal(url.searchParams.get('q'), '妇联');
  // Pagefind's worker and wasm, from the index's engine folder under the sub-path; not its script.
  assert.ok(searched().includes('/epaper/data/search/engine/pagefind-worker.js'), searched().join(' '));
  assert.ok(searched().some((p) => /\/epaper\/data\/search\/engine\/wasm\.[a-z-]+\.pagefind$/.test(p)));
  assert.ok(!searched().some((p) => p.endsWith('/pagefind.js')));
  assert.deepEqual(page.errors, [], 'no CSP violation, no error');
  await page.context().close();
});

test('a result opens its article in its issue with the hits marked; the search is a link', async () => {
  const page = await open('/epaper/?in=archive&q=%E5%A6%87%E8%81%94&sort=oldest');
  const first = page.getByRole('list', { name: '全部报纸的检索结果' }).getByRole('link').first();
  await first.waitFor();
  assert.equal(await page.locator('.bs-search-sort').inputValue(), 'oldest');
  const title = await first.innerText();
  const place = await page.locator('.bs-search-result .bs-search-place').first().innerText();
  assert.match(place, /^2016-06-25/, `oldest first: ${place}`);
  await first.click();
  await page.getByRole('heading', { level: 2, name: title }).waitFor();
  const url = new URL(page.url());
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
  assert.equal(await page.locator('.bs-search-from').inputValue(), '2016-09-10');
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
  web.broken.add('/epaper/data/search/index.json');
  const page = await newPage(browser, { locale: 'zh-CN' });
  await page.goto(`${web.url}/epaper/?in=archive&q=%E5%A6%87%E8%81%94`);
  const alert = page.getByRole('alert').filter({ hasText: '无法加载检索索引' });
  await alert.waitFor();
  // The rest of the reader works.
  await page.getByRole('heading', { level: 1 }).waitFor();
  web.broken.clear();
  await alert.getByRole('button', { name: '重试' }).click();
  await page.getByRole('list', { name: '全部报纸的检索结果' }).getByRole('link').first().waitFor();
  await page.context().close();
});
