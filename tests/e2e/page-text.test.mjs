// The page's own text (issue 18): where a page has a words file, "Select text" lays the scan's
// words over the page image, invisibly; a reader selects them with the mouse and copies them in
// reading order with line breaks. The Beaver County News page (3,638 words from its ALTO) is the
// data, and the Chinese demo, whose words are the text its pages draw (headlines, mastheads).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, newPage, DIST, ROOT, clickRegion, demoCopy, address } from './harness.mjs';

const BEAVER = join(ROOT, 'demo/beaver');
let browser, server, words;
before(async () => {
  browser = await launch();
  server = await serve({ '/data/': BEAVER, '/': DIST });
  words = JSON.parse(await readFile(join(BEAVER, 'issues/1916-05-12/p1.words.json'), 'utf8'));
});
after(async () => {
  await server?.close();
  await browser?.close();
});

/** A line of the words file as the clipboard holds it: words with spaces (none between CJK). */
const lineText = (l) => l.words.map((w) => w[0]).join(' ');

async function reader(options = {}) {
  const page = await newPage(browser, { locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'], ...options });
  await page.goto(`${server.url}/?date=1916-05-12`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('.bs-region').first().waitFor();
  return page;
}

/** Turns the text on and waits until the words are on the page. */
async function textOn(page) {
  const toggle = page.getByRole('button', { name: 'Select text' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await page.getByRole('status').filter({ hasText: 'Select words on the page to copy them' }).waitFor();
  return toggle;
}

test('off by default: nothing of the words is fetched, and a click on the page opens its article', async () => {
  const page = await reader();
  await page.getByRole('button', { name: 'Select text' }).waitFor();
  assert.ok(!server.requests.some((p) => p.endsWith('.words.json')), 'the words file waits until asked for');
  await clickRegion(page, "Business Men's Meeting");
  await page.getByRole('heading', { level: 2, name: "Business Men's Meeting" }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the layer\'s code comes as a part of its own, after the page image, and the press waits for the words alone', async () => {
  const part = () => server.requests.filter((p) => p.endsWith('/split_text_layer_part.wasm'));
  server.requests.length = 0;
  const page = await reader();
  const image = server.requests.findIndex((p) => /\/p1(?!-thumb)[^/]*\.(svg|jpg|png|webp)$/.test(p));
  for (let k = 0; k < 100 && part().length === 0; k++) await page.waitForTimeout(100);
  assert.equal(part().length, 1, 'asked for ahead, before the press');
  assert.ok(image >= 0 && image < server.requests.indexOf(part()[0]), `after the page image: ${server.requests.join(' ')}`);
  assert.ok(!server.requests.some((p) => p.endsWith('.words.json')), 'the words still wait for the press');
  await textOn(page);
  assert.ok((await page.locator('.bs-text-word').count()) > 100, 'the words are on the page');
  assert.equal(part().length, 1, 'asked for once: the press found it in');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('select words with the mouse and copy them: the clipboard holds them in reading order, a line break per line', async () => {
  const page = await reader();
  server.requests.length = 0;
  await textOn(page);
  assert.equal(server.requests.filter((p) => p.endsWith('/p1.words.json')).length, 1);
  // Three lines of an article, from the start of the first to the end of the third.
  const lines = page.locator('.bs-text-line');
  const k = words.lines.findIndex((l, i) => l.article === 'a0104' && words.lines[i + 2]?.article === 'a0104' && l.words.length > 3);
  assert.ok(k >= 0);
  const first = await lines.nth(k).locator('.bs-text-word').first().boundingBox();
  const last = await lines.nth(k + 2).locator('.bs-text-word').last().boundingBox();
  await page.mouse.move(first.x + 1, first.y + first.height / 2);
  await page.mouse.down();
  await page.mouse.move(last.x + last.width / 2, last.y + last.height / 2, { steps: 8 });
  await page.mouse.move(last.x + last.width - 1, last.y + last.height / 2, { steps: 2 });
  await page.mouse.up();
  await page.keyboard.press('Control+C');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const expected = [k, k + 1, k + 2].map((i) => lineText(words.lines[i])).join('\n');
  assert.equal(copied.trim(), expected);
  // Selecting did not open an article, nor pan the page.
  assert.equal((await address(page)).searchParams.get('article'), null);
  assert.equal(await page.getByRole('heading', { level: 2, name: "Business Men's Meeting" }).count(), 0);
  assert.equal(await page.locator('.bs-zoomed').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('with Clip pressed a drag over the words draws a clipping instead of selecting them', async () => {
  const page = await reader();
  await textOn(page);
  await page.getByRole('button', { name: 'Clip', exact: true }).click();
  const lines = page.locator('.bs-text-line');
  const k = words.lines.findIndex((l, i) => l.article === 'a0104' && words.lines[i + 2]?.article === 'a0104' && l.words.length > 3);
  // From the top left corner of the three lines' words to their bottom right, all on words.
  const box = await page.evaluate((k) => {
    const rects = [...document.querySelectorAll('.bs-text-line')].slice(k, k + 3)
      .flatMap((l) => [...l.querySelectorAll('.bs-text-word')].map((w) => w.getBoundingClientRect()));
    return { left: Math.min(...rects.map((r) => r.left)), top: Math.min(...rects.map((r) => r.top)),
      right: Math.max(...rects.map((r) => r.right)), bottom: Math.max(...rects.map((r) => r.bottom)) };
  }, k);
  await page.mouse.move(box.left + 1, box.top + 1);
  await page.mouse.down();
  await page.mouse.move(box.right - 1, box.bottom - 1, { steps: 8 });
  await page.mouse.up();
  await page.getByRole('region', { name: 'Clipping' }).waitFor();
  assert.equal(await page.evaluate(() => String(getSelection())), '', 'no words selected');
  await page.waitForFunction(() => new URL(location.href).searchParams.has('clip'));
  const [x, y, w, h] = (await address(page)).searchParams.get('clip').split(',').map(Number);
  // The rectangle in page pixels holds the three lines' words (their boxes, from the file).
  const boxes = [k, k + 1, k + 2].flatMap((i) => words.lines[i].words);
  const inside = boxes.filter(([, wx, wy, ww, wh]) => wx + ww / 2 > x && wx + ww / 2 < x + w && wy + wh / 2 > y && wy + wh / 2 < y + h);
  assert.ok(inside.length >= boxes.length - 2, `${inside.length} of ${boxes.length} words inside ${[x, y, w, h]}`);
  assert.equal(await page.getByRole('heading', { level: 2, name: "Business Men's Meeting" }).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the words lie on the page image and follow its zoom; screen readers are not given them', async () => {
  const page = await reader();
  await textOn(page);
  const layer = page.locator('.bs-text-layer');
  assert.equal(await layer.getAttribute('aria-hidden'), 'true');
  // The first word's box on screen is its box in the words file, scaled as the image is.
  const place = () => page.evaluate(() => {
    const img = document.querySelector('.bs-page-image').getBoundingClientRect();
    const w = document.querySelector('.bs-text-word').getBoundingClientRect();
    return { x: (w.left - img.left) / img.width, y: (w.top - img.top) / img.height, w: w.width / img.width, scale: img.width };
  });
  const [text, x, , width] = words.lines[0].words[0];
  // A line's words stand on the line's top (the highest of its words).
  const y = Math.min(...words.lines[0].words.map((w) => w[2]));
  const before = await place();
  assert.ok(Math.abs(before.x - x / words.width) < 0.002, `x ${before.x} against ${x / words.width} (${text})`);
  assert.ok(Math.abs(before.y - y / words.height) < 0.002, `y ${before.y} against ${y / words.height}`);
  assert.ok(Math.abs(before.w - width / words.width) < 0.002, `width ${before.w} against ${width / words.width}`);
  await page.getByRole('button', { name: 'Zoom in on the page' }).click();
  await page.getByRole('status').filter({ hasText: /^Page at \d+%$/ }).waitFor();
  await page.waitForTimeout(400);
  const after = await place();
  assert.ok(after.scale > before.scale * 1.2, `zoomed: ${after.scale} against ${before.scale}`);
  assert.ok(Math.abs(after.x - before.x) < 0.002 && Math.abs(after.y - before.y) < 0.004, JSON.stringify({ before, after }));
  // Off again: the words go, a click opens the article again.
  await page.getByRole('button', { name: 'Select text' }).click();
  assert.equal(await layer.isVisible(), false);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a words file that cannot be had says so beside the switch, with a retry that works', async () => {
  const page = await reader();
  server.fault(/\/p1\.words\.json$/, '500');
  await page.getByRole('button', { name: 'Select text' }).click();
  const alert = page.getByRole('alert').filter({ hasText: "The page's text could not be loaded: the server answered HTTP 500." });
  await alert.waitFor();
  server.clear(/\/p1\.words\.json$/);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('status').filter({ hasText: 'Select words on the page to copy them' }).waitFor();
  assert.ok((await page.locator('.bs-text-word').count()) > 3000);
  // The page and its articles worked throughout.
  const errors = page.errors.filter((e) => !/status of 500/.test(e));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a words file of another shape is read again by the repair\'s code, and said beside the switch', async () => {
  const dir = await demoCopy();
  const issue = JSON.parse(await readFile(join(dir, 'issues/2016-09-24/issue.json'), 'utf8'));
  await writeFile(join(dir, 'issues/2016-09-24', issue.pages[0].words), JSON.stringify({ version: 1, page: 'p1', width: 'wide' }));
  const plain = await serve({ '/data/': dir, '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${plain.url}/?date=2016-09-24&page=p1`);
    await page.locator('.bs-region').first().waitFor();
    await page.getByRole('button', { name: '选择文字' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '文字文件有误' });
    await alert.waitFor();
    assert.ok(plain.requests.some((p) => p.endsWith('/split_repair_part.wasm')), 'the repair\'s code was asked for');
    // The page and its articles work on.
    await page.getByRole('button', { name: '下一版' }).first().click();
    await page.locator('.bs-region').first().waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await plain.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a page without a words file has no switch', async () => {
  const dir = await demoCopy();
  const file = join(dir, 'issues/2016-09-24/issue.json');
  const issue = JSON.parse(await readFile(file, 'utf8'));
  delete issue.pages[0].words;
  await writeFile(file, JSON.stringify(issue));
  const plain = await serve({ '/data/': dir, '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${plain.url}/?date=2016-09-24&page=p1`);
    await page.locator('.bs-region').first().waitFor();
    assert.equal(await page.getByRole('button', { name: '选择文字' }).count(), 0);
    await page.getByRole('button', { name: '下一版' }).first().click();
    await page.getByRole('button', { name: '选择文字' }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await plain.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the Chinese demo: a headline selected copies as set, with no spaces; a search outlines its characters', async () => {
  const zh = await serve({ '/': DIST });
  const page = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await page.goto(`${zh.url}/?date=2016-09-24&page=p2`);
    await page.locator('.bs-region').first().waitFor();
    await page.getByRole('button', { name: '选择文字' }).click();
    await page.getByRole('status').filter({ hasText: '可在版面上选择文字并复制' }).waitFor();
    const line = page.locator('.bs-text-line').filter({ hasText: '志愿服务见证' });
    const first = await line.locator('.bs-text-word').first().boundingBox();
    const last = await line.locator('.bs-text-word').last().boundingBox();
    await page.mouse.move(first.x + 1, first.y + first.height / 2);
    await page.mouse.down();
    await page.mouse.move(last.x + last.width - 1, last.y + last.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.press('Control+C');
    assert.equal((await page.evaluate(() => navigator.clipboard.readText())).trim(), '志愿服务见证“她力量”');
    // The words lie on the headline as drawn: the line's box is the headline's in the image.
    await page.getByRole('button', { name: '选择文字' }).click();
    await page.getByRole('searchbox', { name: '在本期中检索' }).fill('她力量');
    const hits = page.locator('.bs-text-hits rect');
    await page.waitForFunction(() => document.querySelectorAll('.bs-text-hits rect').length === 3);
    const boxes = await hits.evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().width));
    assert.ok(boxes.every((w) => Math.abs(w - boxes[0]) < 0.5), `one box per character: ${boxes}`);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await zh.close();
  }
});

test("this issue's search outlines its hits on the page's words, with the text off; the page list still marks the page", async () => {
  const page = await reader();
  server.requests.length = 0;
  await page.getByRole('searchbox', { name: 'Search this issue' }).fill('potash');
  // The words file comes for the hits alone; the text stays off.
  const hits = page.locator('.bs-text-hits rect');
  await hits.first().waitFor();
  assert.equal(await hits.count(), 1);
  assert.equal(server.requests.filter((p) => p.endsWith('/p1.words.json')).length, 1);
  assert.equal(await page.getByRole('button', { name: 'Select text' }).getAttribute('aria-pressed'), 'false');
  // On the word itself: its box in the words file, scaled with the page image.
  const [, x, y, w, h] = words.lines.flatMap((l) => l.words).find((word) => word[0] === 'potash');
  const placed = await page.evaluate(() => {
    const img = document.querySelector('.bs-page-image').getBoundingClientRect();
    const r = document.querySelector('.bs-text-hits rect').getBoundingClientRect();
    return { x: (r.left - img.left) / img.width, y: (r.top - img.top) / img.height, w: r.width / img.width, h: r.height / img.height };
  });
  const near = (a, b) => Math.abs(a - b) < 0.001;
  assert.ok(near(placed.x, x / words.width) && near(placed.y, y / words.height) && near(placed.w, w / words.width)
    && near(placed.h, h / words.height), JSON.stringify({ placed, x, y, w, h }));
  // A word found in several places: each outlined; the page list marks the page as before.
  await page.getByRole('searchbox', { name: 'Search this issue' }).fill('mining');
  await page.waitForFunction(() => document.querySelectorAll('.bs-text-hits rect').length >= 8);
  await page.locator('.bs-page-hits').first().waitFor();
  // The outlines never stand in the way of a click on an article.
  await clickRegion(page, 'Mining Mention');
  await page.getByRole('heading', { level: 2, name: 'Mining Mention' }).waitFor();
  // No search, no outlines.
  await page.getByRole('searchbox', { name: 'Search this issue' }).fill('');
  await page.waitForFunction(() => document.querySelectorAll('.bs-text-hits rect').length === 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
