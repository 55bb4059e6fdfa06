// Reading an article aloud, as a reader meets it. Headless Chromium here has no voices, so the
// real browser shows that the control is absent without an error; a scripted stand-in for the
// platform's speechSynthesis (voices on demand, utterances that end when the test says) shows
// the control's states: 朗读, the piece being read marked, 暂停, 继续, and stopping when the
// article changes or closes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, newPage, clickRegion, DIST, shareBrowserAndApp } from './harness.mjs';
import { hostPage } from './host-page.mjs';
import { fakeSpeech, readingAloudStaysInView } from './phone-checks.mjs';

let browser, server;
shareBrowserAndApp((b, s) => { browser = b; server = s; });

async function open(path, fake) {
  const page = await newPage(browser);
  if (fake) await page.addInitScript(fakeSpeech);
  await page.goto(`${server.url}${path}`);
  await page.locator('#bs-article-title').waitFor();
  return page;
}

const marked = (page) => page.locator('.bs-article-text [aria-current="true"]');
const calls = (page) => page.evaluate(() => window.__speech.calls.map((c) => ({ ...c })));
const norm = (s) => s.replace(/\s+/g, '');

test('without a voice for the paper\'s language there is no read-aloud control, and no error', async () => {
  const page = await open('/?page=p2&article=a0202', false);
  // Give the browser its chance to announce voices (Chromium fills the list after voiceschanged).
  const voices = await page.evaluate(() => new Promise((done) => {
    const list = () => speechSynthesis.getVoices().map((v) => v.lang);
    if (list().length) return done(list());
    speechSynthesis.addEventListener('voiceschanged', () => done(list()), { once: true });
    setTimeout(() => done(list()), 1000);
  }));
  const zh = voices.some((l) => /^(zh|cmn)\b/i.test(l));
  await page.getByRole('button', { name: '放大文字' }).waitFor();
  assert.equal(await page.getByRole('button', { name: '朗读' }).count(), zh ? 1 : 0, `voices: ${voices.join(' ')}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('with no speech synthesis at all there is no control and no error', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
  await page.goto(`${server.url}/?page=p2&article=a0202`);
  await page.locator('#bs-article-title').waitFor();
  assert.equal(await page.getByRole('button', { name: '朗读' }).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('朗读 reads the article piece by piece in its language, marking what is read; 暂停 and 继续', async () => {
  const page = await open('/?page=p2&article=a0202', true);
  const button = (name) => page.getByRole('button', { name, exact: true });
  // The voice list starts empty; a list without Chinese still offers nothing.
  assert.equal(await button('朗读').count(), 0);
  await page.evaluate(() => window.__speech.setVoices(['en-US', 'fr-FR']));
  await page.getByRole('button', { name: '放大文字' }).waitFor();
  assert.equal(await button('朗读').count(), 0);
  await page.evaluate(() => window.__speech.setVoices(['en-US', 'zh-TW', 'zh-CN']));
  await button('朗读').click();

  // The title first, in the paper's language with the zh-CN voice.
  await button('暂停').waitFor();
  assert.equal(await marked(page).count(), 1);
  assert.equal(await marked(page).innerText(), '好姐妹·娘家人');
  const first = (await calls(page)).find((c) => c.call === 'speak');
  assert.deepEqual(first, { call: 'speak', text: '好姐妹·娘家人', lang: 'zh-CN', voice: 'zh-CN' });

  // Each end moves on: subtitle, then the first paragraph (in pieces short enough for
  // Chromium's voices), then the second; the mark follows, one element at a time.
  const paragraphs = page.locator('.bs-article-body > *');
  const spoken = [];
  const finishUntil = async (target) => {
    for (let i = 0; i < 20; i++) {
      spoken.push(await page.evaluate(() => window.__speech.finish()));
      await page.waitForFunction(() => window.__speech.calls.at(-1).call === 'speak');
      if (await target.getAttribute('aria-current') === 'true') return;
    }
    throw new Error('the mark did not arrive');
  };
  await finishUntil(page.locator('.bs-subtitle'));
  assert.equal(await marked(page).count(), 1);
  await finishUntil(paragraphs.nth(0));
  spoken.length = 0;
  await finishUntil(paragraphs.nth(1));
  assert.equal(await marked(page).count(), 1);
  const pieces = spoken;
  assert.ok(pieces.length >= 2, `a 134-character paragraph goes out in pieces: ${pieces.length}`);
  assert.ok(pieces.every((p) => [...p].length <= 60), pieces.join(' | '));
  assert.equal(norm(pieces.join('')), norm(await paragraphs.nth(0).innerText()), 'the whole first paragraph, once');
  assert.equal(await paragraphs.nth(1).getAttribute('aria-current'), 'true');
  const style = await marked(page).evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(style, 'rgba(0, 0, 0, 0)', 'the paragraph being read is visibly marked');

  // Pause and resume: the button says what it will do; the mark stays.
  await button('暂停').click();
  await button('继续').waitFor();
  assert.equal((await calls(page)).at(-1).call, 'pause');
  assert.equal(await paragraphs.nth(1).getAttribute('aria-current'), 'true');
  await button('继续').click();
  await button('暂停').waitFor();
  assert.equal((await calls(page)).at(-1).call, 'resume');

  // Another article: reading stops, nothing is marked, the new article offers 朗读.
  const before = (await calls(page)).length;
  await page.getByRole('link', { name: /下一篇/ }).click();
  await page.getByRole('heading', { level: 2, name: '铭记红军丰功伟绩 弘扬伟大长征精神' }).waitFor();
  await button('朗读').waitFor();
  const after = (await calls(page)).slice(before);
  assert.ok(after.some((c) => c.call === 'cancel'), JSON.stringify(after));
  assert.equal(await marked(page).count(), 0);
  // The cancelled utterance's error event changes nothing.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  assert.equal((await calls(page)).slice(before).filter((c) => c.call === 'speak').length, 0);
  assert.equal(await button('朗读').count(), 1);

  // Reading the new article, then closing it, stops too.
  await button('朗读').click();
  await button('暂停').waitFor();
  assert.equal((await calls(page)).at(-1).text, '铭记红军丰功伟绩 弘扬伟大长征精神');
  await page.getByRole('button', { name: '关闭文章' }).click();
  await page.waitForFunction(() => window.__speech.calls.at(-1).call === 'cancel');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('voices the browser lists only once asked are asked for as the reader starts: the first article opened has its button at once', async () => {
  const page = await newPage(browser);
  await page.addInitScript(fakeSpeech);
  // As Chromium does: the first ask answers with an empty list and starts listing, which ends
  // with voiceschanged.
  await page.addInitScript(() => {
    const synth = window.speechSynthesis;
    const listed = synth.getVoices;
    let asked = false;
    synth.getVoices = () => {
      if (asked) return listed();
      asked = true;
      setTimeout(() => { window.__speech.setVoices(['zh-CN']); window.__listed = true; }, 50);
      return [];
    };
  });
  await page.goto(`${server.url}/?page=p2`);
  await page.locator('.bs-region').first().waitFor({ state: 'attached' });
  // Listed only if the reader asked (the test does not: asking would start the listing).
  await page.waitForFunction(() => window.__listed === true, null, { timeout: 5000 });
  await clickRegion(page, '好姐妹·娘家人');
  await page.locator('#bs-article-title').waitFor();
  // Not waited for: it is there as the article's tools are.
  assert.equal(await page.getByRole('button', { name: '朗读', exact: true }).count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('paused to the end of a piece, 继续 speaks that piece again; the last piece ends reading', async () => {
  const page = await open('/?page=p2&article=a0203', true);
  await page.evaluate(() => window.__speech.setVoices(['zh-CN']));
  const button = (name) => page.getByRole('button', { name, exact: true });
  await button('朗读').click();
  await button('暂停').click();
  // Chrome on Android ends the utterance on pause.
  await page.evaluate(() => window.__speech.finish());
  await button('继续').click();
  const speaks = (await calls(page)).filter((c) => c.call === 'speak');
  assert.deepEqual(speaks.map((c) => c.text), ['铭记红军丰功伟绩 弘扬伟大长征精神', '铭记红军丰功伟绩 弘扬伟大长征精神']);
  // To the end: the button offers 朗读 again and nothing is marked.
  for (let i = 0; i < 20 && await button('暂停').count(); i++) await page.evaluate(() => window.__speech.finish());
  await button('朗读').waitFor();
  assert.equal(await marked(page).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('on a phone the paragraph being read is kept in view as reading moves on', () => readingAloudStaysInView(browser, server.url));

test('in an English interface the button speaks English and the paper is still read in Chinese', async () => {
  const host = await hostPage({ 'data-lang': 'en' });
  const own = await serve({ '/index.html': host.file, '/': DIST });
  const page = await newPage(browser);
  try {
    await page.addInitScript(fakeSpeech);
    await page.goto(`${own.url}/index.html?page=p2&article=a0202`);
    await page.locator('#bs-article-title').waitFor();
    // The browser's default voice is English; the paper's language decides.
    await page.evaluate(() => window.__speech.setVoices(['en-GB', 'zh-CN']));
    const button = (name) => page.getByRole('button', { name, exact: true });
    await button('Read aloud').click();
    await button('Pause').click();
    await button('Resume').waitFor();
    const speak = (await calls(page)).find((c) => c.call === 'speak');
    assert.deepEqual([speak.lang, speak.voice], ['zh-CN', 'zh-CN']);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await own.close();
    await host.remove();
  }
});
