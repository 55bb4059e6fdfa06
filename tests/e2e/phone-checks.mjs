// Phone checks that must hold whatever font the reader's phone has: run by touch.test.mjs and
// read-aloud.test.mjs with the machine's fonts, and by fonts.test.mjs with a Latin-only font, in
// which Chinese text is drawn as fallback boxes of other widths (as on a machine without a CJK
// font). Layout must come from CSS, never from the metrics of a font.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newPage, address } from './harness.mjs';

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
export const SEED = '好姐妹·娘家人';

/**
 * The environment for a Chromium that sees only DejaVu (Latin, no CJK): a fontconfig file of
 * its own, so that Chinese falls back to boxes whatever fonts the machine has installed.
 */
export async function latinOnlyFonts() {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-fonts-'));
  const file = join(dir, 'fonts.conf');
  await writeFile(file, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>${join(dir, 'cache')}</cachedir>
</fontconfig>
`);
  return { ...process.env, FONTCONFIG_FILE: file };
}

// Touch input through DevTools, one event per step, as a phone's digitiser delivers it.
export const touch = (page, type, points) => page.cdp.send('Input.dispatchTouchEvent', {
  type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 1, radiusY: 1, force: 1 })),
});

export async function tap(page, [x, y]) {
  await touch(page, 'touchStart', [[x, y]]);
  await touch(page, 'touchEnd', []);
}

/** Scrolls the page image to the top of the screen, where the fingers go. */
export const toTop = (page) => page.evaluate(() => {
  const top = document.querySelector('.bs-zoom').getBoundingClientRect().top;
  scrollBy(0, top);
});

/** A phone showing `path` of the app at `base`, its page image decoded and at the top. */
export async function phone(browser, base, path = '/', options = {}) {
  const page = await newPage(browser, { ...PHONE, ...options });
  await page.goto(`${base}${path}`);
  await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
  await page.locator('.bs-page-image').evaluate((img) => img.decode().catch(() => {}));
  // The gestures come in their part after the page image, and the zoom buttons are enabled with
  // them (whatever the language, hence the class).
  await page.locator('.bs-zoom-tools .bs-zoom-in:enabled').waitFor();
  page.cdp = await page.context().newCDPSession(page);
  await toTop(page);
  return page;
}

/** A point inside an article's region on screen, with the region's id. */
export async function regionPoint(page, id) {
  const point = await page.locator(`#bs-region-${id}`).evaluate((a) => {
    const poly = a.querySelector('polygon');
    const svg = a.ownerSVGElement;
    const box = svg.getBoundingClientRect();
    const k = box.width / svg.viewBox.baseVal.width;
    const b = poly.getBBox();
    // Inside the frame that clips the zoomed page, and on screen.
    const frame = a.closest('.bs-zoom').getBoundingClientRect();
    const top = Math.max(frame.top, 0) + 10, bottom = Math.min(frame.bottom, innerHeight) - 10;
    for (let fy = 0.3; fy < 1; fy += 0.05) for (let fx = 0.3; fx < 1; fx += 0.05) {
      const p = svg.createSVGPoint(); p.x = b.x + b.width * fx; p.y = b.y + b.height * fy;
      if (poly.isPointInFill(p)) {
        const at = [box.left + p.x * k, box.top + p.y * k];
        if (at[1] > top && at[1] < bottom && at[0] > frame.left + 10 && at[0] < frame.right - 10) return at;
      }
    }
    return null;
  });
  assert.ok(point, `a visible point inside region ${id}`);
  return point;
}

/** Every control of the reader that is smaller than 44 by 44 CSS pixels, described. */
export const smallControls = (page) => page.evaluate(() => {
  const out = [];
  for (const el of document.querySelectorAll('.broadsheet :is(a[href], button, select, input, [tabindex="0"])')) {
    if (el.closest('svg')) continue; // page regions are areas of the page, as large as printed
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!r.width || !r.height || style.visibility === 'hidden') continue;
    if (r.width < 43.5 || r.height < 43.5) out.push(`${el.tagName} "${(el.getAttribute('aria-label') ?? el.textContent).trim().slice(0, 30)}" ${r.width.toFixed(1)}x${r.height.toFixed(1)}`);
  }
  return out;
});

/** Every control is at least 44 by 44 CSS pixels on a phone, with and without an article and its citation open. */
export async function controlsAreLargeEnough(browser, base) {
  const page = await phone(browser, base, '/?page=p2');
  await page.getByRole('grid').first().waitFor();
  assert.deepEqual(await smallControls(page), [], 'page view');
  await page.goto(`${base}/?page=p2&article=a0202`);
  await page.locator('#bs-article-title').waitFor();
  assert.deepEqual(await smallControls(page), [], 'article open');
  // The citation's panel: its format choice, copy, download and hide.
  await page.getByRole('button', { name: '引用', exact: true }).click();
  await page.getByRole('textbox', { name: '引用文本' }).waitFor();
  assert.deepEqual(await smallControls(page), [], 'citation open');
  assert.deepEqual(page.errors, []);
  await page.context().close();
}

/** The close control is at the top of the screen, in view and large enough. */
async function closeInView(page, what) {
  const box = await page.getByRole('button', { name: '关闭文章' }).boundingBox();
  assert.ok(box && box.y >= 0 && box.y < 80 && box.height >= 44, `${what}: close stays in view: ${JSON.stringify(box)}`);
}

/**
 * A tap on a region opens its article over the whole screen; scrolled anywhere in it, however
 * long the text runs in the font at hand, the way back stays at the top of the screen.
 */
export async function articleCoversTheScreen(browser, base) {
  const page = await phone(browser, base, '/?page=p2');
  await tap(page, await regionPoint(page, 'a0202'));
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
  assert.match((await address(page)).href, /article=a0202/);
  const cover = await page.locator('.bs-reading').boundingBox();
  assert.deepEqual([cover.x, cover.y, cover.width, cover.height].map(Math.round), [0, 0, 390, 844], 'the article fills the screen');
  const reading = page.locator('.bs-reading');
  for (const by of [300, 1500, 1e6]) {
    await reading.evaluate((el, by) => el.scrollTo(0, by), by);
    await closeInView(page, `scrolled to ${by}`);
  }
  await page.getByRole('button', { name: '关闭文章' }).tap();
  await page.waitForFunction(() => !document.getElementById('bs-article-title'));
  assert.ok(await page.locator('.bs-page-image').isVisible());
  // The reader's own taps on the title list still work too (no gesture there).
  const other = '铭记红军丰功伟绩 弘扬伟大长征精神';
  await page.getByRole('link', { name: other }).and(page.locator('.bs-title a')).tap();
  await page.getByRole('heading', { level: 2, name: other }).waitFor();
  // Whatever the next article's length, at its end the way back is still in view.
  await page.getByRole('link', { name: /下一篇/ }).tap();
  await page.waitForFunction((other) => document.getElementById('bs-article-title')?.textContent !== other, other);
  await reading.evaluate((el) => el.scrollTo(0, 1e6));
  await closeInView(page, 'the next article, scrolled to its end');
  assert.deepEqual(page.errors, []);
  await page.context().close();
}

/** Runs in the page before the app: a speechSynthesis that records calls and speaks nothing. */
export function fakeSpeech() {
  const calls = [];
  let voices = [];
  class Utterance {
    constructor(text) { Object.assign(this, { text, lang: '', voice: null, onstart: null, onend: null, onerror: null }); }
  }
  const synth = new EventTarget();
  Object.assign(synth, {
    paused: false, speaking: false, pending: false, current: null,
    getVoices: () => voices.slice(),
    speak(u) {
      calls.push({ call: 'speak', text: u.text, lang: u.lang, voice: u.voice?.lang ?? null });
      synth.current = u;
      synth.speaking = true;
      setTimeout(() => u.onstart?.({ type: 'start' }), 0);
    },
    pause() { calls.push({ call: 'pause' }); synth.paused = true; },
    resume() { calls.push({ call: 'resume' }); synth.paused = false; },
    cancel() {
      calls.push({ call: 'cancel' });
      const u = synth.current;
      Object.assign(synth, { current: null, speaking: false });
      // As Chromium does: a cancelled utterance reports an error.
      if (u) setTimeout(() => u.onerror?.({ type: 'error', error: 'canceled' }), 0);
    },
  });
  window.__speech = {
    calls,
    setVoices(list) {
      voices = list.map((lang, i) => ({ name: `Voice ${i}`, lang, default: i === 0, localService: true, voiceURI: `v${i}` }));
      synth.dispatchEvent(new Event('voiceschanged'));
    },
    /** The utterance being spoken ends; returns its text. */
    finish() {
      const u = synth.current;
      Object.assign(synth, { current: null, speaking: false });
      u?.onend?.({ type: 'end' });
      return u?.text ?? null;
    },
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
}

/**
 * On a phone, reading aloud keeps the block being read in view, clear of the sticky tools, as
 * reading moves on to a block that starts below the fold (which one depends on the font).
 */
export async function readingAloudStaysInView(browser, base) {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await page.addInitScript(fakeSpeech);
  await page.goto(`${base}/?page=p2&article=a0202`);
  await page.locator('#bs-article-title').waitFor();
  await page.evaluate(() => window.__speech.setVoices(['zh-CN']));
  const blocks = page.locator('.bs-article-body > *');
  const below = await blocks.evaluateAll((els) => els.findIndex((el) => el.getBoundingClientRect().top > innerHeight));
  assert.ok(below > 0, 'the article runs below the fold');
  const target = blocks.nth(below);
  await page.getByRole('button', { name: '朗读', exact: true }).tap();
  for (let i = 0; i < 60 && await target.getAttribute('aria-current') !== 'true'; i++) {
    await page.evaluate(() => window.__speech.finish());
  }
  assert.equal(await target.getAttribute('aria-current'), 'true', `block ${below} is being read`);
  await page.waitForFunction((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  }, await target.elementHandle());
  // Clear of the sticky tools at the top, whose 暂停 stays in reach.
  const tools = await page.locator('.bs-article-tools').boundingBox();
  assert.ok((await target.boundingBox()).y >= tools.y + tools.height - 1);
  assert.ok(await page.getByRole('button', { name: '暂停', exact: true }).isVisible());
  assert.deepEqual(page.errors, []);
  await page.context().close();
}
