// Search of the whole archive where a year is too large for one shard (issue 17): the kit splits
// it into parts of whole months (`search-index --shard-mb`), and the reader searches them newest
// first, counts the year once all its parts have answered, opens a result of any part, and a date
// range fetches only the parts it covers. The archive: 2016 of the kit's synthetic daily
// (2016-01-01 to 2016-09-24, 268 issues), in thirds: 2016-01 (January to April), 2016-05,
// 2016-09.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, DIST, kit, address } from './harness.mjs';

let browser, dir;
before(async () => {
  browser = await launch();
  const synth = await mkdtemp(join(tmpdir(), 'broadsheet-synth-parts-'));
  kit('synth', synth, '--years', '1');
  // Only 2016's issues; the kit writes the month indexes and archive.json's dates again.
  dir = await mkdtemp(join(tmpdir(), 'broadsheet-parts-'));
  for (const f of ['archive.json', 'shared']) await cp(join(synth, f), join(dir, f), { recursive: true });
  await cp(join(synth, 'issues', '2016'), join(dir, 'issues', '2016'), { recursive: true });
  await rm(synth, { recursive: true, force: true });
  kit('index', dir);
  // Its issues are some 3 MB a year: a limit of 1 MB makes thirds.
  kit('search-index', dir, '--shard-mb', '1', '--jobs', '2');
});
after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The reader on the archive; the parts it fetched anything of, and its server. */
async function reader(query, body) {
  const server = await serve({ '/data/': dir, '/': DIST });
  const page = await newPage(browser, { locale: 'en-US' });
  const parts = () => new Set(server.requests.map((p) => p.match(/^\/data\/search\/(\d{4}-\d\d)\//)?.[1]).filter(Boolean));
  try {
    await page.goto(`${server.url}/${query}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await body(page, parts, server);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
}

const status = (page) => page.locator('.bs-search-archive').getByRole('status');
const results = (page) => page.getByRole('list', { name: 'Results in the whole archive' });
const places = (page) => page.locator('.bs-search-result .bs-search-place').allInnerTexts();
const finished = (page) => status(page).filter({ hasText: /^\d+ articles? found in 1 year\(s\)$/ }).waitFor({ timeout: 60_000 });

/** Opens the first result as a person would, once its article shows; the date it opened. */
async function openFirst(page) {
  const first = results(page).getByRole('link').first();
  const title = (await first.innerText()).split('\n')[0];
  await first.click();
  await page.getByRole('heading', { level: 2, name: title }).waitFor();
  return (await address(page)).searchParams.get('date');
}

test('the kit splits the year into thirds, each with its own days', async () => {
  const list = JSON.parse(await readFile(join(dir, 'search/index.json'), 'utf8'));
  assert.deepEqual(list.shards.map((s) => [s.year, s.path, s.first, s.last]), [
    [2016, '2016-01/', '2016-01-01', '2016-04-30'],
    [2016, '2016-05/', '2016-05-01', '2016-08-31'],
    [2016, '2016-09/', '2016-09-01', '2016-09-24'],
  ]);
  assert.equal(list.shard_bytes, 1_000_000);
});

test('oldest first: the parts in date order, the year counted once, and a result of the oldest part opens its article', async () => {
  await reader('?in=archive&q=orchestra&sort=oldest', async (page, parts) => {
    await finished(page);
    assert.deepEqual([...parts()].sort(), ['2016-01', '2016-05', '2016-09']);
    const year = page.getByRole('search').getByRole('combobox', { name: 'Year', exact: true });
    assert.deepEqual(await year.locator('option').allInnerTexts(), ['Any', '2016'], 'the year listed once');
    const shown = await places(page);
    assert.match(shown[0], /^2016-01-/, `oldest first: ${shown[0]}`);
    assert.match(await openFirst(page), /^2016-01-/);
    assert.ok((await page.locator('.bs-article mark').count()) > 0, 'the hits are marked in the article');
  });
});

test('newest first across the parts, and a range across a part edge fetches those two parts only', async () => {
  await reader('?in=archive&q=orchestra&sort=newest', async (page) => {
    await finished(page);
    const shown = await places(page);
    assert.match(shown[0], /^2016-09-/, `newest first: ${shown[0]}`);
    // A result of the newest part opens its own article (its record read from its own part).
    assert.equal(await openFirst(page), shown[0].slice(0, 10));
  });
  await reader('?in=archive&q=orchestra&from=2016-04-20&to=2016-05-10', async (page, parts) => {
    await finished(page);
    await results(page).getByRole('link').first().waitFor();
    const shown = await places(page);
    for (const p of shown) assert.match(p, /^2016-(04-(2\d|30)|05-(0\d|10))/, p);
    assert.ok(shown.some((p) => p.startsWith('2016-04')) && shown.some((p) => p.startsWith('2016-05')), shown.join(' '));
    assert.deepEqual([...parts()].sort(), ['2016-01', '2016-05']);
  });
});

test('a further query asks for the chunks of the parts after the first at once, not each once the one before has answered', async () => {
  await reader('?in=archive&q=orchestra', async (page, parts, server) => {
    await finished(page);
    // Every part is set up now. Each chunk takes 800 ms to come.
    const seen = new Map();
    server.fault(/\.pf_index$/, 'slow', { delay: 800 });
    const start = server.requests.length;
    const watch = setInterval(() => {
      for (const p of server.requests.slice(start)) if (p.endsWith('.pf_index') && !seen.has(p)) seen.set(p, Date.now());
    }, 20);
    try {
      const box = page.getByRole('searchbox', { name: 'Search the whole archive' });
      await box.fill('meeting');
      await box.press('Enter');
      await status(page).filter({ hasText: /^\d+ articles? found in 1 year\(s\)$/ }).waitFor({ timeout: 60_000 });
      await results(page).getByRole('link').first().waitFor();
    } finally {
      clearInterval(watch);
    }
    const at = (part) => [...seen].filter(([p]) => p.startsWith(`/data/search/${part}/`)).map(([, t]) => t);
    const [middle, oldest] = ['2016-05', '2016-01'].map((p) => at(p)[0]);
    assert.ok(middle && oldest, `a chunk of each older part: ${[...seen.keys()].join(' ')}`);
    // The newest goes alone (the first results wait for its chunk only; the word's chunk there is
    // the one the first query read), the other two together: one after the other, they would be
    // 800 ms apart at least.
    assert.ok(Math.abs(oldest - middle) < 400, `the older two asked for together (${oldest - middle} ms apart)`);
    assert.ok((await places(page)).every((p) => p.startsWith('2016-')));
  });
});
