// Clippings (issue 18): with 剪报/Clip pressed, a rectangle dragged on the page (by mouse or by
// finger) or an article chosen becomes a clipping: outlined on the page, with an image cut from
// the page image to download and a link, the address holding the rectangle, that reopens the page
// zoomed to it. A page image on another site without CORS: the download says why, the link works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, newPage, DIST, ROOT, demoCopy, clickRegion, shareBrowserAndApp, address } from './harness.mjs';
import { phone, touch } from './phone-checks.mjs';

let browser, server;
shareBrowserAndApp((b, s) => { browser = b; server = s; });

const SEED = '好姐妹·娘家人';
const PAGE = { width: 1200, height: 1700 };

async function open(url, options = {}) {
  const page = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true, ...options });
  await page.goto(url);
  await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
  await page.locator('.bs-page-image').evaluate((img) => img.decode().catch(() => {}));
  return page;
}

const clipSwitch = (page) => page.getByRole('button', { name: '剪报', exact: true });
const panel = (page) => page.getByRole('region', { name: '剪报' });
const linkBox = (page) => page.getByRole('textbox', { name: '剪报链接' });
/** The clipping in an address: [x, y, w, h] in page pixels, or null. */
const clipOf = (url) => new URL(url).searchParams.get('clip')?.split(',').map(Number) ?? null;
/** The clipping in the address once the reader has written it (after the frame that shows it). */
async function clipIn(page) {
  await page.waitForFunction(() => new URL(location.href).searchParams.has('clip'));
  return clipOf((await address(page)).href);
}

/** The page frame's box on screen (the fitted page). */
const frameBox = (page) => page.evaluate(() => {
  const r = document.querySelector('.bs-zoom').getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
});

/** Drags the mouse across the frame between two points given as shares of the frame. */
async function drag(page, [fx0, fy0], [fx1, fy1]) {
  await page.locator('.bs-zoom').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const f = await frameBox(page);
  const at = ([fx, fy]) => [f.left + f.width * fx, f.top + f.height * fy];
  await page.mouse.move(...at([fx0, fy0]));
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) {
    await page.mouse.move(...at([fx0 + ((fx1 - fx0) * i) / 8, fy0 + ((fy1 - fy0) * i) / 8]));
  }
  await page.mouse.up();
}

/** Width and height of a PNG file, from its IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG file');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * How far the downloaded picture is from the page image cut at [x, y, w, h] by the browser
 * itself: the mean difference of their pixels' channels, 0-255.
 */
const differenceFromPage = (page, png, [x, y, w, h]) => page.evaluate(async ({ data, x, y, w, h }) => {
  const load = async (src) => { const img = new Image(); img.src = src; await img.decode(); return img; };
  const pixels = (img, sx, sy) => {
    const c = new OffscreenCanvas(w, h);
    const g = c.getContext('2d');
    g.drawImage(img, sx, sy, w, h, 0, 0, w, h);
    return g.getImageData(0, 0, w, h).data;
  };
  const ours = pixels(await load(`data:image/png;base64,${data}`), 0, 0);
  const theirs = pixels(await load(document.querySelector('.bs-page-image').currentSrc), x, y);
  let sum = 0;
  for (let i = 0; i < ours.length; i++) sum += Math.abs(ours[i] - theirs[i]);
  return sum / ours.length;
}, { data: png.toString('base64'), x, y, w, h });

test('a rectangle dragged on the page is a clipping: outlined, its image downloaded, its link copied and reopening the page zoomed to it', async () => {
  const page = await open(`${server.url}/?date=2016-09-24&page=p1`);
  try {
    const toggle = clipSwitch(page);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await page.getByRole('status').filter({ hasText: '在版面上拖出一个矩形，或点选一篇文章' }).waitFor();
    // Over the page, regions included: the drag draws and opens nothing.
    await drag(page, [0.25, 0.3], [0.75, 0.5]);
    await panel(page).waitFor();
    assert.equal(await page.locator('#bs-article-title').count(), 0, 'no article opened');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'one clipping per press');
    const clip = await clipIn(page);
    const want = [300, 510, 600, 340];
    assert.ok(clip.every((v, i) => Math.abs(v - want[i]) <= 4), `clip ${clip} near ${want}`);
    assert.equal((await address(page)).searchParams.get('page'), 'p1');
    assert.match(await panel(page).innerText(), new RegExp(`剪报大小（像素）：${clip[2]} × ${clip[3]}`));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'bs-clipping', 'focus is taken to the panel');
    // Outlined on the page where it was drawn.
    const f = await frameBox(page);
    const edge = await page.locator('.bs-clip-edge').boundingBox();
    assert.ok(Math.abs(edge.x - (f.left + f.width * 0.25)) < 4 && Math.abs(edge.width - f.width * 0.5) < 6, JSON.stringify({ edge, f }));

    // The link is the address, whole; copied to the clipboard.
    const link = await linkBox(page).inputValue();
    assert.equal(link, (await address(page)).href);
    await page.getByRole('button', { name: '复制链接' }).click();
    await page.getByRole('status').filter({ hasText: '链接已复制' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

    // The image: the clipping's part of the page at the image's own resolution.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载图片' }).click()]);
    assert.equal(download.suggestedFilename(), `中国妇女报 2016-09-24 p01 ${clip[2]}x${clip[3]}+${clip[0]}+${clip[1]}.png`);
    const png = await readFile(await download.path());
    assert.deepEqual(pngSize(png), { width: clip[2], height: clip[3] });
    const off = await differenceFromPage(page, png, clip);
    assert.ok(off < 2, `the picture is the page's own pixels there (mean difference ${off.toFixed(2)})`);
    await page.getByRole('status').filter({ hasText: '图片已下载' }).waitFor();

    // Reopened elsewhere: the same page, zoomed so that the clipping fills the frame, outlined.
    const other = await open(link);
    try {
      await panel(other).waitFor();
      await other.waitForFunction(() => document.querySelector('.bs-zoom-stage').style.transform.includes('scale'));
      await other.waitForFunction(() => document.querySelector('.bs-zoom-stage').getAnimations().length === 0);
      const g = await frameBox(other);
      const shown = await other.locator('.bs-clip-edge').boundingBox();
      const share = shown.width / g.width;
      assert.ok(share > 0.8 && share < 0.95, `the clipping takes ${share.toFixed(2)} of the frame's width`);
      const centre = shown.x + shown.width / 2 - (g.left + g.width / 2);
      assert.ok(Math.abs(centre) < g.width * 0.03, `centred (off by ${centre.toFixed(1)} px)`);
      assert.ok(shown.y >= g.top - 1 && shown.y + shown.height <= g.top + g.height + 1, 'within the frame');
      assert.match(await other.locator('.bs-zoom-level').innerText(), /\d/);
      // Fitted again by the reader, the page stays so as the reader goes on (an article opened).
      await other.getByRole('button', { name: '版面还原' }).click();
      await other.waitForFunction(() => !document.querySelector('.bs-zoom-stage').style.transform.includes('scale(1.'));
      await clickRegion(other, '基层妇联组织改革全面铺开');
      await other.locator('#bs-article-title').waitFor();
      await other.waitForTimeout(300);
      assert.equal(await other.locator('.bs-zoom.bs-zoomed').count(), 0, 'no zoom back to the clipping');
      assert.equal(clipOf((await address(other)).href)?.join(','), clip.join(','), 'the clipping stays with its page');
      // Closing it takes the clipping out of the address and off the page.
      await panel(other).getByRole('button', { name: '关闭剪报' }).click();
      await panel(other).waitFor({ state: 'detached' });
      await other.waitForFunction(() => !new URL(location.href).searchParams.has('clip'));
      assert.equal(await other.locator('.bs-clip-edge').count(), 0);
      assert.deepEqual(other.errors, []);
    } finally {
      await other.context().close();
    }
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
  }
});

test('with 剪报 pressed an article chosen by click or by keyboard is clipped to its box, not opened', async () => {
  const issue = JSON.parse(await readFile(join(ROOT, 'demo/data/issues/2016-09-24/issue.json'), 'utf8'));
  const article = issue.pages[1].articles.find((a) => a.title === SEED);
  const xs = article.regions.flatMap((r) => r.points.map((p) => p[0]));
  const ys = article.regions.flatMap((r) => r.points.map((p) => p[1]));
  const [x0, y0] = [Math.floor(Math.min(...xs)), Math.floor(Math.min(...ys))];
  const box = [x0, y0, Math.ceil(Math.max(...xs)) - x0, Math.ceil(Math.max(...ys)) - y0];
  const page = await open(`${server.url}/?date=2016-09-24&page=p2`);
  try {
    await clipSwitch(page).click();
    await clickRegion(page, SEED);
    await panel(page).waitFor();
    assert.deepEqual(await clipIn(page), box);
    assert.equal(await page.locator('#bs-article-title').count(), 0, 'not opened');
    // Closed, then again from the keyboard: the region's link focused, Enter.
    await page.getByRole('button', { name: '关闭剪报' }).click();
    await panel(page).waitFor({ state: 'detached' });
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('clip'));
    // Escape turns the switch off again; Enter on it, on.
    await clipSwitch(page).press('Enter');
    assert.equal(await clipSwitch(page).getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await clipSwitch(page).getAttribute('aria-pressed'), 'false');
    await clipSwitch(page).press('Enter');
    await page.locator(`#bs-region-${article.id}`).focus();
    await page.keyboard.press('Enter');
    await panel(page).waitFor();
    assert.deepEqual(await clipIn(page), box);
    assert.equal(await page.locator('#bs-article-title').count(), 0);
    // Switched off, the region opens its article as always, and the clipping stays with its page.
    await clickRegion(page, SEED);
    await page.locator('#bs-article-title').waitFor();
    assert.deepEqual(clipOf((await address(page)).href), box);
    await page.getByRole('button', { name: '下一版' }).first().click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === 'p3');
    assert.equal(clipOf((await address(page)).href), null, 'another page leaves the clipping behind');
    assert.equal(await panel(page).count(), 0);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
  }
});

test('a page image on another site without CORS: the link works and the download says why; with CORS it downloads', async () => {
  const dir = await demoCopy();
  const plain = await serve({ '/img/': join(ROOT, 'demo/data/issues/2016-09-24') });
  const shared = await serve({ '/img/': join(ROOT, 'demo/data/issues/2016-09-24') }, { headers: { 'access-control-allow-origin': '*' } });
  const issueFile = join(dir, 'issues/2016-09-24/issue.json');
  const issue = JSON.parse(await readFile(issueFile, 'utf8'));
  const manifest = JSON.parse(await readFile(join(dir, 'archive.json'), 'utf8'));
  await writeFile(join(dir, 'archive.json'), JSON.stringify({ ...manifest, origins: [plain.url, shared.url] }));
  const here = await serve({ '/data/': dir, '/': DIST });
  const onSite = async (other) => {
    issue.pages[0].image = { ...issue.pages[0].image, src: `${other.url}/img/p1.svg`, renditions: [] };
    await writeFile(issueFile, JSON.stringify(issue));
    return open(`${here.url}/?date=2016-09-24&page=p1&clip=100,200,300,150`, { serviceWorkers: 'block' });
  };
  try {
    const page = await onSite(plain);
    try {
      await panel(page).waitFor();
      assert.match(await linkBox(page).inputValue(), /clip=100,200,300,150/);
      let downloads = 0;
      page.on('download', () => downloads++);
      await page.getByRole('button', { name: '下载图片' }).click();
      const alert = panel(page).getByRole('alert');
      await alert.waitFor();
      const host = new URL(plain.url).host;
      assert.equal(await alert.innerText(), `版面图在 ${host} 上，该网站不允许本页读取图像（CORS），因此无法下载图片；链接仍然可用。`);
      assert.equal(downloads, 0);
      assert.equal(await page.locator('.bs-page-image').evaluate((img) => img.complete && img.naturalWidth > 0), true, 'the page still shows');
    } finally {
      await page.context().close();
    }
    const page2 = await onSite(shared);
    try {
      await panel(page2).waitFor();
      const [download] = await Promise.all([page2.waitForEvent('download'), page2.getByRole('button', { name: '下载图片' }).click()]);
      assert.deepEqual(pngSize(await readFile(await download.path())), { width: 300, height: 150 });
      assert.equal(await panel(page2).getByRole('alert').count(), 0);
    } finally {
      await page2.context().close();
    }
  } finally {
    await Promise.all([here.close(), plain.close(), shared.close()]);
    await rm(dir, { recursive: true, force: true });
  }
});

test('on a phone a finger drawing with 剪报 pressed makes a clipping, never a swipe to the next page', async () => {
  const page = await phone(browser, server.url, '/?date=2016-09-24&page=p1');
  try {
    await clipSwitch(page).tap();
    const f = await frameBox(page);
    const at = (fx, fy) => [f.left + f.width * fx, f.top + f.height * fy];
    // Right to left across most of the page: without the switch, a swipe to page 2.
    const [from, to] = [at(0.85, 0.2), at(0.15, 0.3)];
    await touch(page, 'touchStart', [from]);
    for (let i = 1; i <= 10; i++) await touch(page, 'touchMove', [[from[0] + ((to[0] - from[0]) * i) / 10, from[1] + ((to[1] - from[1]) * i) / 10]]);
    await touch(page, 'touchEnd', []);
    await panel(page).waitFor();
    const clip = await clipIn(page);
    assert.equal((await address(page)).searchParams.get('page'), 'p1', 'still on page 1');
    const want = [180, 340, 840, 170];
    assert.ok(clip.every((v, i) => Math.abs(v - want[i]) <= 8), `clip ${clip} near ${want}`);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
  }
});
