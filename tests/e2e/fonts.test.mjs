// The phone layout whatever font the phone has: the phone checks of touch.test.mjs and
// read-aloud.test.mjs again, in a Chromium that sees only a Latin font, so that every Chinese
// character is drawn as a fallback box of another width (a machine without a CJK font draws the
// demo so). Tap targets are 44 px by their CSS and the way out of an article stays in view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serve, newPage, DIST } from './harness.mjs';
import { latinOnlyFonts, controlsAreLargeEnough, articleCoversTheScreen, readingAloudStaysInView, SEED } from './phone-checks.mjs';

let browser, server;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    env: await latinOnlyFonts(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  server = await serve({ '/': DIST });
});
after(async () => {
  await server?.close();
  await browser?.close();
});

test('the browser here really has no CJK font: Chinese is drawn in fallback boxes', async () => {
  const page = await newPage(browser);
  await page.setContent('<span id="zh" style="font-size:40px">好姐妹娘家人</span><span id="box" style="font-size:40px">\u{10FFFD}\u{10FFFD}\u{10FFFD}\u{10FFFD}\u{10FFFD}\u{10FFFD}</span>');
  // Six characters of a missing font are as wide as six of a private-use code point: boxes.
  const [zh, box] = await page.evaluate(() => ['zh', 'box'].map((id) => document.getElementById(id).getBoundingClientRect().width));
  assert.ok(Math.abs(zh - box) < 1, `${SEED}: ${zh} px, six boxes: ${box} px`);
  await page.context().close();
});

test('with a fallback font, every control is at least 44 by 44 CSS pixels on a phone', () => controlsAreLargeEnough(browser, server.url));

test('with a fallback font, an article over the whole phone screen keeps its way back in view', () => articleCoversTheScreen(browser, server.url));

test('with a fallback font, reading aloud on a phone keeps the paragraph read in view', () => readingAloudStaysInView(browser, server.url));
