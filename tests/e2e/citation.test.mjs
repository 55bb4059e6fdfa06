// Citing an article: the 引用/Cite panel (text, BibTeX, RIS, CSL-JSON; copy to the clipboard,
// download) and the metadata that reference managers read from the document's head (Highwire
// citation_* meta elements, schema.org NewsArticle JSON-LD), following the open article, gone
// when none is open, never touching what the host page put there, and within a strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serve, newPage, DIST, shareBrowserAndApp } from './harness.mjs';
import { hostPage, until } from './host-page.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SEED = '好姐妹·娘家人';
const NEXT = '铭记红军丰功伟绩 弘扬伟大长征精神';
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";

let browser, server;
shareBrowserAndApp((b, s) => { browser = b; server = s; });

/** The reader at `url`, with the clipboard allowed to it and every CSP violation recorded. */
async function open(url, options = {}) {
  const page = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'], ...options });
  page.violations = [];
  await page.exposeFunction('__violation', (v) => page.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`));
  });
  await page.goto(url);
  await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
  return page;
}

/** What the reader put in the head: its meta elements by name, its JSON-LD read, and how many. */
const head = (page) => page.evaluate(() => {
  const ours = [...document.head.querySelectorAll('[data-broadsheet-citation]')];
  const meta = {};
  for (const m of ours.filter((el) => el.tagName === 'META')) meta[m.name] = m.content;
  const ld = ours.filter((el) => el.tagName === 'SCRIPT');
  return {
    count: ours.length,
    meta,
    ld: ld.map((s) => ({ type: s.type, data: JSON.parse(s.textContent) })),
    citationMetaAnywhere: document.querySelectorAll('meta[name^="citation_"]').length,
  };
});

const citationText = (page, name = '引用文本') => page.getByRole('textbox', { name }).inputValue();

test('an open article offers its citation as text, BibTeX, RIS and CSL-JSON, to copy and to download', async () => {
  const page = await open(`${server.url}/?page=p2`);
  await page.locator('#bs-title-a0202').click();
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
  const cite = page.getByRole('button', { name: '引用', exact: true });
  assert.equal(await cite.getAttribute('aria-expanded'), 'false');
  await cite.click();
  assert.equal(await cite.getAttribute('aria-expanded'), 'true');
  await page.getByRole('region', { name: '引用本文' }).waitFor();
  const link = `${server.url}/?date=2016-09-24&article=a0202`;
  assert.equal(await citationText(page),
    `新华社记者 黄小希：《好姐妹·娘家人》，《中国妇女报》2016年9月24日，第6212期，第02版 综合新闻。 ${link}`);

  // Everything in the panel is named, and axe finds nothing serious in it.
  await page.addScriptTag({ path: AXE });
  const audit = await page.evaluate(() => window.axe.run('#bs-cite', { resultTypes: ['violations'] }));
  assert.deepEqual(audit.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id), []);

  // The link reopens the article on its own, in a new tab.
  const other = await newPage(browser);
  await other.goto(link);
  await other.getByRole('heading', { level: 2, name: SEED }).waitFor();
  await other.context().close();

  const format = page.getByRole('combobox', { name: '格式' });
  await format.selectOption({ label: 'BibTeX' });
  const bib = await citationText(page);
  assert.ok(bib.startsWith('@article{article20160924-a0202,\n'), bib);
  for (const field of ['title = {好姐妹·娘家人}', 'author = {{新华社记者 黄小希}}', 'journal = {中国妇女报}', 'date = {2016-09-24}',
    'month = sep', 'edition = {第6212期}', 'pages = {02}', `url = {${link}}`]) {
    assert.ok(bib.includes(`  ${field}`), `${field} in ${bib}`);
  }

  // Copy: the clipboard holds the citation as shown, and a live region says so.
  await page.getByRole('button', { name: '复制' }).click();
  await until(() => page.getByRole('status').filter({ hasText: '剪贴板' }).innerText(), /已复制到剪贴板/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), bib);

  // Download: a .bib file with the same text.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载 .bib 文件' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'article20160924-a0202.bib');
  assert.equal(await readFile(await download.path(), 'utf8'), bib);

  await format.selectOption({ label: 'RIS' });
  const ris = await citationText(page);
  const lines = ris.split(/\r?\n/).filter(Boolean);
  assert.equal(lines[0], 'TY  - NEWS');
  assert.equal(lines.at(-1).trimEnd(), 'ER  -');
  assert.ok(lines.every((l) => /^[A-Z][A-Z0-9]  - /.test(l)), ris);
  for (const l of ['TI  - 好姐妹·娘家人', 'T2  - 中国妇女报', 'DA  - 2016/09/24/', 'SP  - 02', `UR  - ${link}`]) {
    assert.ok(lines.includes(l), `${l} in ${ris}`);
  }
  const [risFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 .ris 文件' }).click()]);
  assert.equal(risFile.suggestedFilename(), 'article20160924-a0202.ris');
  assert.equal((await readFile(await risFile.path(), 'utf8')).replaceAll('\r\n', '\n'), ris.replaceAll('\r\n', '\n'));

  await format.selectOption({ label: 'CSL-JSON' });
  const [csl] = JSON.parse(await citationText(page));
  assert.deepEqual([csl.type, csl.title, csl['container-title'], csl.issued, csl.page, csl.URL],
    ['article-newspaper', SEED, '中国妇女报', { 'date-parts': [[2016, 9, 24]] }, '02', link]);

  // The panel stays open as the reader moves on, and cites the article now open.
  await page.getByRole('navigation', { name: '文章导航' }).getByRole('link', { name: new RegExp(NEXT) }).click();
  await page.getByRole('heading', { level: 2, name: NEXT }).waitFor();
  await until(() => citationText(page), /"title": "铭记红军丰功伟绩/);
  assert.equal(JSON.parse(await citationText(page))[0].author, undefined, 'an article without a byline has no author');

  await page.getByRole('button', { name: '收起引用' }).click();
  assert.equal(await cite.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('region', { name: '引用本文' }).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the head carries the open article\'s citation metadata, follows the reader and goes with the article', async () => {
  const page = await open(`${server.url}/?page=p2`);
  assert.deepEqual((await head(page)).count, 0, 'no article, no metadata');
  await page.locator('#bs-title-a0202').click();
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
  await until(async () => (await head(page)).meta.citation_title ?? '', new RegExp(SEED));
  const link = `${server.url}/?date=2016-09-24&article=a0202`;
  let h = await head(page);
  assert.deepEqual(h.meta, {
    citation_title: SEED,
    citation_author: '新华社记者 黄小希',
    citation_journal_title: '中国妇女报',
    citation_publication_date: '2016/09/24',
    citation_date: '2016/09/24',
    citation_issue: '第6212期',
    citation_firstpage: '02',
    citation_language: 'zh-CN',
    citation_fulltext_html_url: link,
  });
  assert.equal(h.ld.length, 1);
  assert.equal(h.ld[0].type, 'application/ld+json');
  assert.equal(h.ld[0].data['@type'], 'NewsArticle');
  assert.equal(h.ld[0].data.headline, SEED);
  assert.equal(h.ld[0].data.datePublished, '2016-09-24');
  assert.equal(h.ld[0].data.isPartOf.isPartOf.name, '中国妇女报');
  assert.equal(h.ld[0].data.url, link);

  // The next article: the metadata follows, with nothing left of the one before.
  await page.getByRole('navigation', { name: '文章导航' }).getByRole('link', { name: new RegExp(NEXT) }).click();
  await until(async () => (await head(page)).meta.citation_title ?? '', new RegExp(NEXT));
  h = await head(page);
  assert.equal(h.meta.citation_author, undefined, 'this one has no byline');
  assert.equal(h.meta.citation_fulltext_html_url, `${server.url}/?date=2016-09-24&article=a0203`);
  assert.equal(h.ld.length, 1);
  assert.equal(h.ld[0].data.headline, NEXT);

  // Another page and another issue, by the reader's own moves (back, a page, a date).
  await page.goBack();
  await until(async () => (await head(page)).meta.citation_title ?? '', new RegExp(SEED));
  await page.getByRole('button', { name: '上一期' }).click();
  await until(() => page.getByRole('banner').innerText(), /2016年9月17日/);
  await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
  await until(async () => String((await head(page)).count), /^0$/, 'no article open in the earlier issue');
  await page.locator('.bs-articles a[href*="article="]').first().click();
  await page.locator('#bs-article-title').waitFor();
  const title = await page.locator('#bs-article-title').innerText();
  await until(async () => (await head(page)).meta.citation_date ?? '', /2016\/09\/17/);
  assert.equal((await head(page)).meta.citation_title, title);
  assert.equal((await head(page)).ld[0].data.datePublished, '2016-09-17');
  // Two steps back at once, from an article of one issue to an article of the other: the issue
  // left behind, going, does not take the new article's metadata with it.
  await page.evaluate(() => history.go(-2));
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
  await until(async () => (await head(page)).meta.citation_date ?? '', /2016\/09\/24/);
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 300)));
  h = await head(page);
  assert.equal(h.meta.citation_title, SEED);
  assert.equal(h.count, 10, 'nine meta elements and the JSON-LD, once each');

  // Closing the article takes the metadata away.
  await page.getByRole('button', { name: '关闭文章' }).click();
  await page.waitForFunction(() => !document.getElementById('bs-article-title'));
  await until(async () => String((await head(page)).count), /^0$/);
  assert.equal((await head(page)).citationMetaAnywhere, 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in English, in a portal page whose own head elements are left alone', async () => {
  const portalHead = '<meta name="citation_title" content="The portal\'s own">'
    + '<script type="application/ld+json" id="portal-ld">{"@type":"WebSite","name":"Portal"}</script>';
  const host = await hostPage({ 'data-lang': 'en', 'data-url': 'fragment' }, { head: portalHead });
  const own = await serve({ '/portal.html': host.file, '/': DIST });
  const page = await open(`${own.url}/portal.html?section=news#page=p2`);
  try {
    await page.locator('#bs-title-a0202').click();
    await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
    await page.getByRole('button', { name: 'Cite', exact: true }).click();
    const link = `${own.url}/portal.html?section=news#date=2016-09-24&article=a0202`;
    assert.equal(await citationText(page, 'Citation'),
      `新华社记者 黄小希. \u201c好姐妹·娘家人.\u201d 中国妇女报, September 24, 2016, 第6212期, Page 02: 综合新闻. ${link}`);
    await page.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'RIS' });
    await page.getByRole('button', { name: 'Download the .ris file' }).waitFor();
    await page.getByRole('button', { name: 'Copy' }).click();
    await until(() => page.getByRole('status').filter({ hasText: 'clipboard' }).innerText(), /Copied to the clipboard/);
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^TY {2}- NEWS\r?\nTI {2}- 好姐妹·娘家人/);

    await until(async () => (await head(page)).meta.citation_title ?? '', new RegExp(SEED));
    assert.equal((await head(page)).meta.citation_fulltext_html_url, link);
    const portal = () => page.evaluate(() => [
      document.querySelector('meta[name=citation_title]:not([data-broadsheet-citation])')?.content,
      document.getElementById('portal-ld')?.textContent,
    ]);
    assert.deepEqual(await portal(), ["The portal's own", '{"@type":"WebSite","name":"Portal"}']);
    await page.getByRole('button', { name: 'Close the article' }).click();
    await until(async () => String((await head(page)).count), /^0$/);
    assert.deepEqual(await portal(), ["The portal's own", '{"@type":"WebSite","name":"Portal"}'], 'the portal\'s elements stay');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await own.close();
    await host.remove();
  }
});

test('under a strict CSP the metadata and the panel work with no violation reported', async () => {
  const page = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  page.violations = [];
  await page.exposeFunction('__violation', (v) => page.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`));
  });
  // Every answer of the app's server, with the policy a strict portal sends.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.goto(`${server.url}/?page=p2&article=a0202`);
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
  await until(async () => (await head(page)).meta.citation_title ?? '', new RegExp(SEED));
  assert.equal((await head(page)).ld[0].data.headline, SEED);
  await page.getByRole('button', { name: '引用', exact: true }).click();
  await page.getByRole('combobox', { name: '格式' }).selectOption({ label: 'CSL-JSON' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 .json 文件' }).click()]);
  assert.equal(JSON.parse(await readFile(await download.path(), 'utf8'))[0].title, SEED);
  await page.getByRole('button', { name: '复制' }).click();
  await until(() => page.getByRole('status').filter({ hasText: '剪贴板' }).innerText(), /已复制/);
  // The policy was in force: an inline script is refused and reported.
  await page.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.head.append(s); });
  assert.equal(await page.evaluate(() => window.__inline), undefined);
  await until(async () => String(page.violations.length), /^[1-9]/);
  assert.ok(page.violations.every((v) => /script-src/.test(v) && /inline/.test(v)), `only the probe: ${JSON.stringify(page.violations)}`);
  assert.equal(page.violations.length, 1, JSON.stringify(page.violations));
  assert.deepEqual(page.errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await page.context().close();
});

test('where the browser gives no clipboard (a page not served securely), the citation is selected to copy by hand', async () => {
  // A name for 127.0.0.1 that is not "localhost": an http page there is not a secure context,
  // and the browser has no navigator.clipboard, as on a portal served over plain http.
  const insecure = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--host-resolver-rules=MAP paper.test 127.0.0.1'],
  });
  try {
    const page = await newPage(insecure);
    const port = new URL(server.url).port;
    await page.goto(`http://paper.test:${port}/?page=p2&article=a0202`);
    await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
    assert.equal(await page.evaluate(() => [window.isSecureContext, typeof navigator.clipboard].join()), 'false,undefined');
    await page.getByRole('button', { name: '引用', exact: true }).click();
    const text = await citationText(page);
    await page.getByRole('button', { name: '复制' }).click();
    await until(() => page.getByRole('status').filter({ hasText: '剪贴板' }).innerText(), /不允许写入剪贴板/);
    const selection = await page.evaluate(() => {
      const el = document.activeElement;
      return [el.id, el.selectionStart, el.selectionEnd, el.value.length];
    });
    assert.deepEqual(selection, ['bs-cite-text', 0, text.length, text.length], 'the whole citation is selected');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await insecure.close();
  }
});
