// Embedding in a portal page (examples/portal): the reader mounts into the portal's host element,
// configured from it; the portal's hostile global CSS does not break it and its CSS does not
// change the portal; the URL mode keeps the state in the fragment or out of the URL; and all of
// it runs under a strict Content Security Policy with no violation reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { firstScreen, launch, newPage, serve, DIST, ROOT, address } from './harness.mjs';

const PORTAL = join(ROOT, 'examples/portal');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
const SEED = '好姐妹·娘家人';

/**
 * The portal site on 127.0.0.1: the app and its archive under /epaper/, the portal's pages at
 * the root, every response with the strict CSP header. `pages` adds or replaces root files.
 */
function portal(pages = {}) {
  return serve({ '/epaper/': DIST, '/': PORTAL }, { headers: { 'content-security-policy': CSP }, pages });
}

let browser, site;
before(async () => {
  browser = await launch();
  const html = await readFile(join(PORTAL, 'index.html'), 'utf8');
  site = await portal({
    // The same portal page without its hostile stylesheet: what the reader should look like.
    '/neutral.html': html.replace('<link rel="stylesheet" href="portal.css">', ''),
    // The same page with the reader left out: what the portal should look like.
    '/without.html': html.replace('<script type="module" async src="/epaper/broadsheet-loader.js"></script>', ''),
    // A portal that wants the page and the calendar only.
    '/slim.html': html.replace('data-url="fragment"', 'data-url="fragment" data-widgets="calendar"'),
  });
});
after(async () => {
  await site?.close();
  await browser?.close();
});

/** A page that records every CSP violation the browser reports, from before the first script. */
async function open(path, options = {}) {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 }, ...options });
  page.violations = [];
  await page.exposeFunction('__violation', (v) => page.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
  });
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) page.violations.push(m.text()); });
  await page.goto(`${site.url}${path}`);
  return page;
}

const ready = (page) => page.locator('.broadsheet .bs-region polygon').first().waitFor({ state: 'attached' });

/** Computed styles that do not depend on the width the page gives the reader. */
const STYLE = ['font-size', 'line-height', 'font-weight', 'font-family', 'font-style', 'letter-spacing',
  'text-transform', 'text-indent', 'text-decoration-line', 'color', 'background-color', 'box-sizing',
  'display', 'float', 'position', 'list-style-type', 'padding-top', 'padding-right', 'padding-bottom',
  'padding-left', 'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
  'margin-top', 'margin-bottom', 'min-height', 'max-width', 'touch-action', 'white-space'];

function styles(page, selector, props) {
  return page.evaluate(({ selector, props }) => [...document.querySelectorAll(selector)].map((el) => {
    const cs = getComputedStyle(el);
    const path = [];
    for (let e = el; e && e !== document.body; e = e.parentElement) path.unshift(e.tagName.toLowerCase() + (e.classList.length ? `.${[...e.classList].join('.')}` : ''));
    return [path.join(' > '), Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]))];
  }), { selector, props });
}

function differences(a, b) {
  const out = [];
  assert.equal(a.length, b.length, 'the same elements on both pages');
  assert.ok(a.length > 20, `enough elements compared: ${a.length}`);
  for (let i = 0; i < a.length; i++) {
    for (const [k, v] of Object.entries(a[i][1])) {
      if (b[i][1][k] !== v) out.push(`${a[i][0]} ${k}: ${v} -> ${b[i][1][k]}`);
    }
  }
  return out;
}

test('the portal page mounts the reader in its host element, configured from the element', async () => {
  const page = await open('/?section=epaper');
  await ready(page);
  // Inside the host element, not beside it; in the language the element asked for.
  assert.equal(await page.locator('[data-broadsheet] > .broadsheet').count(), 1);
  assert.match(await page.locator('.broadsheet h1').innerText(), /中国妇女报/);
  await page.getByRole('navigation', { name: '版面导航' }).waitFor();
  // The loader added the reader's stylesheet, which the portal page does not link.
  assert.equal(await page.locator('link[rel=stylesheet][href*="/epaper/broadsheet-"]').count(), 1);
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the portal\'s hostile CSS does not break the reader: styles as on a neutral page, regions on the image', async () => {
  const hostile = await open('/?section=epaper');
  const neutral = await open('/neutral.html?section=epaper');
  await ready(hostile);
  await ready(neutral);
  // The parts after the page image come in their own time; compare once both have them all.
  await firstScreen(hostile);
  await firstScreen(neutral);
  for (const page of [hostile, neutral]) {
    await page.evaluate(() => document.querySelector('#bs-region-a0102').scrollIntoView());
    await page.locator('.bs-pages img').last().evaluate((img) => img.decode().catch(() => {}));
  }
  // The portal really is hostile: its own elements show it.
  const portalDiv = await hostile.locator('.portal-intro').evaluate((el) => getComputedStyle(el).paddingTop);
  assert.equal(portalDiv, '10px');
  assert.equal(await hostile.evaluate(() => getComputedStyle(document.documentElement).fontSize), '24px');
  // Every element of the reader has the same computed style on both pages.
  const diff = differences(await styles(neutral, '.broadsheet, .broadsheet *', STYLE), await styles(hostile, '.broadsheet, .broadsheet *', STYLE));
  assert.deepEqual(diff, [], 'reader styles changed by the portal');
  // Open an article too: its panel is as unaffected.
  for (const page of [hostile, neutral]) {
    await page.locator('#bs-title-a0102').click();
    await page.locator('#bs-article-title').waitFor();
  }
  const diffArticle = differences(await styles(neutral, '.bs-article, .bs-article *', STYLE), await styles(hostile, '.bs-article, .bs-article *', STYLE));
  assert.deepEqual(diffArticle, [], 'article styles changed by the portal');

  // The page image fills the map's frame (not 50% of it) and each region lies on its article.
  const check = await hostile.evaluate(async () => {
    const img = document.querySelector('.bs-page-image').getBoundingClientRect();
    const frame = document.querySelector('.bs-zoom').getBoundingClientRect();
    const issue = await (await fetch('/epaper/data/issues/2016-09-24/issue.json')).json();
    const p = issue.pages[0];
    const k = img.width / p.image.width;
    const off = [];
    for (const a of p.articles) {
      const link = document.getElementById(`bs-region-${a.id}`);
      if (!link) continue;
      const polys = link.querySelectorAll('polygon');
      const own = a.regions.filter((r) => !r.page || r.page === p.id);
      own.forEach((r, i) => {
        const box = polys[i].getBoundingClientRect();
        const xs = r.points.map((q) => q[0]), ys = r.points.map((q) => q[1]);
        const want = [Math.min(...xs) * k + img.left, Math.min(...ys) * k + img.top, Math.max(...xs) * k + img.left, Math.max(...ys) * k + img.top];
        const got = [box.left, box.top, box.right, box.bottom];
        // The polygon's box includes half the 3 px stroke.
        if (got.some((g, j) => Math.abs(g - want[j]) > 2.5)) off.push({ id: a.id, want, got });
      });
    }
    return { img: [img.width, img.height], frame: [frame.width, frame.height], ratio: img.height / img.width, want: p.image.height / p.image.width, regions: document.querySelectorAll('.bs-region polygon').length, off };
  });
  assert.ok(Math.abs(check.img[0] - check.frame[0]) < 0.5 && Math.abs(check.img[1] - check.frame[1]) < 0.5, `image fills its frame: ${JSON.stringify(check)}`);
  assert.ok(Math.abs(check.ratio - check.want) < 0.002, 'not squashed');
  assert.ok(check.regions > 3);
  assert.deepEqual(check.off, [], 'regions off their articles');
  // Tap targets keep their size.
  const small = await hostile.evaluate(() => [...document.querySelectorAll('.broadsheet button')]
    .filter((b) => b.getBoundingClientRect().width && b.getBoundingClientRect().height < 43.5).map((b) => b.textContent));
  assert.deepEqual(small, []);
  assert.deepEqual(hostile.violations, []);
  await hostile.context().close();
  await neutral.context().close();
});

test('the reader\'s CSS does not change the portal: its elements look the same without the reader', async () => {
  const withReader = await open('/?section=epaper');
  const without = await open('/without.html?section=epaper');
  await ready(withReader);
  const portalElements = 'body, body > *:not([data-broadsheet]):not(script), .portal-header *, .portal-intro, .portal-intro *, .portal-aside, .portal-aside *, .portal-footer *';
  const props = [...STYLE, 'width', 'margin-left', 'margin-right'];
  const diff = differences(await styles(without, portalElements, props), await styles(withReader, portalElements, props));
  assert.deepEqual(diff, [], 'portal styles changed by the reader');
  // Its own hostile rules still apply to its own elements.
  const logo = await withReader.locator('.portal-logo').evaluate((img) => getComputedStyle(img).maxWidth);
  assert.equal(logo, '50%');
  assert.equal(await withReader.locator('.portal-nav a').first().evaluate((a) => getComputedStyle(a).color), 'rgb(255, 105, 180)');
  await withReader.context().close();
  await without.context().close();
});

test('embedded with data-url="fragment", the state lives in the fragment and the portal keeps its query', async () => {
  const page = await open('/?section=epaper');
  await ready(page);
  await page.locator('#bs-title-a0102').waitFor();
  await page.getByRole('navigation', { name: '版面导航' }).getByRole('button', { name: /综合新闻/ }).click();
  await page.locator('#bs-region-a0202').click({ position: { x: 20, y: 20 }, force: true });
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
  const url = (await address(page));
  assert.equal(url.search, '?section=epaper', 'the portal\'s own query is untouched');
  assert.match(url.hash, /article=a0202/);
  // The fragment is a deep link: a fresh visit opens the same article, and back steps out of it.
  const again = await open(`/?section=epaper${url.hash}`);
  await again.getByRole('heading', { level: 2, name: SEED }).waitFor();
  await page.goBack();
  await page.waitForFunction(() => !document.getElementById('bs-article-title'));
  assert.deepEqual([...page.violations, ...again.violations], []);
  await again.context().close();
  await page.context().close();
});

test('under a strict CSP with data-url="off" the reader works, reports no violation and leaves the URL alone', async () => {
  const page = await open('/csp.html');
  await ready(page);
  assert.equal(await page.evaluate(() => document.querySelector('meta[http-equiv=Content-Security-Policy]').content), CSP);
  const length = await page.evaluate(() => history.length);
  // English, as the element says; an article opens, text size and page zoom (CSSOM styles) work.
  await page.locator('#bs-title-a0102').click();
  await page.locator('#bs-article-title').waitFor();
  const size = () => page.locator('.bs-article-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await size();
  await page.getByRole('button', { name: 'Larger text' }).click();
  assert.ok((await size()) > before);
  await page.getByRole('button', { name: 'Zoom in on the page' }).click();
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.bs-zoom-stage')).transform.startsWith('matrix(1.5'));
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.getByRole('navigation', { name: 'Pages' }).locator('[aria-current=page]').filter({ hasText: /2/ }).waitFor();
  assert.equal((await address(page)).href, `${site.url}/csp.html`, 'no query, no fragment');
  assert.equal(await page.evaluate(() => history.length), length, 'no history entries');
  // The policy was in force: an inline script is refused (and reported), so silence above means
  // the reader itself needed nothing the policy forbids.
  await page.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s); });
  await page.waitForFunction(() => true);
  assert.equal(await page.evaluate(() => window.__inline), undefined);
  await page.waitForFunction(() => true);
  const reported = page.violations.splice(0);
  assert.ok(reported.some((v) => /script-src/.test(v)), `the probe was reported: ${JSON.stringify(reported)}`);
  assert.ok(reported.every((v) => /script-src/.test(v) && /inline/.test(v)), `only the probe: ${JSON.stringify(reported)}`);
  assert.deepEqual(page.errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await page.context().close();
});

test('data-widgets on the host element chooses the optional widgets shown', async () => {
  const full = await open('/?section=epaper');
  const slim = await open('/slim.html?section=epaper');
  await ready(full);
  await ready(slim);
  const shown = (page) => page.evaluate(() => Object.fromEntries(
    ['.bs-calendar', '.bs-search', '.bs-pages', '.bs-rating', '.bs-ranking', '.bs-footer', '.bs-map', '.bs-articles']
      .map((s) => [s, [...document.querySelectorAll(s)].some((el) => el.getClientRects().length > 0)])));
  await full.locator('.bs-footer').waitFor();
  await slim.locator('.bs-calendar').waitFor();
  const all = await shown(full);
  assert.ok(Object.values(all).every(Boolean), `all shown by default: ${JSON.stringify(all)}`);
  assert.deepEqual(await shown(slim), {
    '.bs-calendar': true, '.bs-search': false, '.bs-pages': false, '.bs-rating': false,
    '.bs-ranking': false, '.bs-footer': false, '.bs-map': true, '.bs-articles': true,
  });
  await full.context().close();
  await slim.context().close();
});

test('the standalone app (dist/index.html) needs no inline script or style either', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length >= 1);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /src="[^"]+"/, 'every script is a file');
    assert.equal(body.trim(), '', 'with nothing inline');
  }
  assert.doesNotMatch(html, /<style\b|\sstyle="/);
  const page = await open('/epaper/');
  await ready(page);
  assert.deepEqual(page.violations, []);
  await page.context().close();
});
