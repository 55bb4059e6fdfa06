// Real data in the reader: the Beaver County News page of 12 May 1916, imported by the kit from
// METS/ALTO into demo/beaver, opens with its page map; choosing "Business Men's Meeting" there
// opens the article panel with the title as its heading and the OCR text after it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, newPage, DIST, ROOT } from './harness.mjs';

const BEAVER = join(ROOT, 'demo/beaver');
const TITLE = "Business Men's Meeting";
// The first words of the article's text as the OCR read them (demo/beaver is checked against
// a fresh import by the kit's own tests, so these stay true).
const FIRST_WORDS = "While the called meeting of the Business Men's Association";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("opens Business Men's Meeting from its page map and reads its first words", async () => {
  const issue = JSON.parse(await readFile(join(BEAVER, 'issues/1916-05-12/issue.json'), 'utf8'));
  const article = issue.pages[0].articles.find((a) => a.title === TITLE);
  assert.ok(article, `${TITLE} is in the imported issue`);
  const firstParagraph = article.body.find((b) => b.type === 'paragraph').text;
  assert.ok(firstParagraph.startsWith(FIRST_WORDS), firstParagraph);

  const server = await serve({ '/data/': BEAVER, '/': DIST });
  const page = await newPage(browser, { locale: 'en-US' });
  try {
    await page.goto(`${server.url}/`);
    // The page map: the regions drawn over the page image are links named by their article.
    const region = page.locator('svg').getByRole('link', { name: TITLE, exact: true }).first();
    await region.waitFor();
    await region.click();

    const heading = page.getByRole('heading', { level: 2, name: TITLE, exact: true });
    await heading.waitFor();
    const panel = page.getByRole('article', { name: TITLE });
    await panel.waitFor();
    // After the heading come the subtitle (and byline, when there is one), then the text.
    const texts = (await panel.locator('p').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    const lead = [article.pretitle, article.subtitle, article.byline].filter(Boolean);
    const body = texts.filter((t) => !lead.includes(t));
    assert.ok(body.length > 0, `paragraphs after the heading: ${JSON.stringify(texts)}`);
    assert.ok(body[0].startsWith(FIRST_WORDS), `the first paragraph begins with the first words: ${body[0]}`);
    const full = await panel.innerText();
    assert.ok(full.indexOf(TITLE) < full.indexOf(FIRST_WORDS), 'the heading comes before the text');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});
