// Search of the whole archive across several years (issue 17): a synthetic daily of the kit
// (`synth --years 11`: 2005-09-25 to 2016-09-24, so twelve year shards, about 38,000 articles)
// indexed by the kit (`search-index`, some 35 s). The shards are searched newest first and their
// results stream in with the progress in the status line; Stop ends the search where it is; a
// date range, a year or a decade fetches only the shards it covers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, DIST, kit, address } from './harness.mjs';

let browser, synth;
before(async () => {
  browser = await launch();
  synth = await mkdtemp(join(tmpdir(), 'broadsheet-synth-search-'));
  kit('synth', synth, '--years', '11');
  kit('search-index', synth);
});
after(async () => {
  await browser?.close();
  if (synth) await rm(synth, { recursive: true, force: true });
});

/** The reader on the synthetic archive; the years of the shards it fetched anything of. */
async function reader(query, body, setup = () => {}) {
  const server = await serve({ '/data/': synth, '/': DIST });
  setup(server);
  const page = await newPage(browser, { locale: 'en-US' });
  const years = () => new Set(server.requests.map((p) => p.match(/^\/data\/search\/(\d{4})\//)?.[1]).filter(Boolean));
  try {
    await page.goto(`${server.url}/${query}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await body(page, server, years);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
}

const status = (page) => page.locator('.bs-search-archive').getByRole('status');
/** Whether the server was asked for a path matching `re`. */
const asked = (server, re) => server.requests.some((p) => re.test(p));
/** Waits up to `ms` for `ok()` to hold (a request that leaves the engine's worker in its own time). */
async function until(page, ok, ms = 10_000) {
  for (let waited = 0; waited < ms && !ok(); waited += 50) await page.waitForTimeout(50);
  return ok();
}
const results = (page) => page.getByRole('list', { name: 'Results in the whole archive' });
const places = (page) => page.locator('.bs-search-result .bs-search-place').allInnerTexts();

test('the index has a shard per year', async () => {
  const list = JSON.parse(await readFile(join(synth, 'search/index.json'), 'utf8'));
  assert.deepEqual(list.shards.map((s) => s.year), [2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016]);
});

test('shards are searched newest first, results stream in with the progress, and Stop ends the search', async () => {
  await reader('?in=archive&q=orchestra&sort=newest', async (page, server, years) => {
    await status(page).filter({ hasText: /^\d+ articles found \(2 of 12 years searched\)$/ }).waitFor();
    await results(page).getByRole('link').nth(9).waitFor();
    const shown = await places(page);
    assert.match(shown[0], /^2016-/, `newest first: ${shown[0]}`);
    for (const p of shown) assert.match(p, /^(2016|2015)-/);
    const first = (y) => server.requests.findIndex((p) => p.startsWith(`/data/search/${y}/`));
    // 2015 once 2016's first results are in; 2014's request leaves the engine's worker a moment
    // after 2015's setup: wait for it.
    await until(page, () => first(2014) >= 0);
    assert.ok(first(2016) >= 0 && first(2016) < first(2015) && first(2015) < first(2014), `the shards were asked newest first: ${server.requests.filter((p) => p.startsWith('/data/search/')).slice(0, 12).join(' ')}`);
    // Stop: the search ends where it is, with what it found.
    await page.getByRole('button', { name: 'Stop searching' }).click();
    await status(page).filter({ hasText: /^Stopped\. \d+ articles found \(2 of 12 years searched\)$/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Stop searching' }).count(), 0);
    assert.ok(years().has('2014'));
    server.clear();
  }, (server) => {
    // The years before 2015 do not answer: the two newer ones are searched and shown meanwhile.
    server.fault(/^\/data\/search\/(?!2016\/|2015\/)\d{4}\//, 'hang');
  });
});

test("across twelve shards the engine is fetched once, and each shard's start-up file once", async () => {
  await reader('?in=archive&q=orchestra', async (page, server) => {
    await status(page).filter({ hasText: /^\d+ articles found in 12 year\(s\)$/ }).waitFor({ timeout: 60_000 });
    const count = (re) => server.requests.filter((p) => re.test(p)).length;
    // Every shard is an instance of the engine of its own, which would fetch the wasm again.
    assert.equal(count(/^\/data\/search\/engine\/wasm\./), 1, server.requests.join(' '));
    assert.equal(count(/^\/data\/search\/engine\/pagefind\.[^/]+\.pf_meta$/), 1);
    assert.equal(count(/^\/data\/search\/engine\/pagefind-worker\.js$/), 1);
    assert.equal(count(/^\/data\/search\/\d{4}\/pagefind\.[^/]+\.pf_meta$/), 12);
  });
});

test('from the second shard on, the next one is set up while one answers', async () => {
  const held = /^\/data\/search\/2015\/index\//;
  await reader('?in=archive&q=orchestra&sort=newest', async (page, server) => {
    assert.ok(await until(page, () => asked(server, held), 15_000), '2015 is searched');
    const since = Date.now();
    // 2015's word index is held back 6 s: 2014's start-up file is asked for meanwhile.
    const meta2014 = /^\/data\/search\/2014\/pagefind\.[^/]+\.pf_meta$/;
    await until(page, () => asked(server, meta2014), 5_000);
    assert.ok(asked(server, meta2014) && Date.now() - since < 6000, server.requests.filter((p) => p.startsWith('/data/search/')).join(' '));
    // One shard ahead only.
    assert.ok(!asked(server, /^\/data\/search\/2013\//), 'not 2013 yet');
    await status(page).filter({ hasText: /^\d+ articles found in 12 year\(s\)$/ }).waitFor({ timeout: 60_000 });
  }, (server) => server.fault(held, 'slow', { delay: 6000 }));
});

test('the first results are shown before the next shard is set up', async () => {
  const held = /^\/data\/search\/2016\/fragment\//;
  await reader('?in=archive&q=orchestra&sort=newest', async (page, server) => {
    const y2015 = /^\/data\/search\/2015\//;
    assert.ok(await until(page, () => asked(server, held), 15_000), "2016's records are asked for");
    // They are held back 3 s: nothing of 2015 meanwhile, then 2015 once they are in.
    await page.waitForTimeout(2500);
    assert.ok(!asked(server, y2015), server.requests.filter((p) => p.startsWith('/data/search/')).join(' '));
    await results(page).getByRole('link').first().waitFor();
    assert.ok(await until(page, () => asked(server, y2015)), '2015 after the first results');
  }, (server) => server.fault(held, 'slow', { delay: 3000 }));
});

test('a date range fetches only the shards it covers; a year chosen in the list likewise', async () => {
  await reader('?in=archive&q=orchestra&from=2015-03-01&to=2015-04-30', async (page, server, years) => {
    await status(page).filter({ hasText: /^\d+ articles? found in 1 year\(s\)$/ }).waitFor();
    await results(page).getByRole('link').first().waitFor();
    for (const p of await places(page)) assert.match(p, /^2015-0[34]-/);
    assert.deepEqual([...years()], ['2015']);
    // A year from the list: its shard alone, the whole year.
    const year = page.getByRole('search').getByRole('combobox', { name: 'Year', exact: true });
    assert.deepEqual(await year.locator('option').allInnerTexts(), ['Any', '2010–2019', '2000–2009',
      '2016', '2015', '2014', '2013', '2012', '2011', '2010', '2009', '2008', '2007', '2006', '2005']);
    await year.selectOption({ label: '2014' });
    await page.waitForURL(/from=2014-01-01/);
    await status(page).filter({ hasText: /^\d+ articles? found in 1 year\(s\)$/ }).waitFor();
    await results(page).getByRole('link').first().waitFor();
    for (const p of await places(page)) assert.match(p, /^2014-/);
    assert.deepEqual([...years()].sort(), ['2014', '2015']);
    const url = (await address(page));
    assert.equal(url.searchParams.get('to'), '2014-12-31');
  });
});

test('on an archive of more than ten years, a decade is a choice of its own and fetches its years only', async () => {
  await reader('?in=archive&q=orchestra&sort=newest&from=2000-01-01&to=2009-12-31', async (page, server, years) => {
    const year = page.getByRole('search').getByRole('combobox', { name: 'Year', exact: true });
    await status(page).filter({ hasText: /^\d+ articles found in 5 year\(s\)$/ }).waitFor();
    await results(page).getByRole('link').first().waitFor();
    assert.equal(await year.inputValue(), '2000s');
    let shown = await places(page);
    assert.match(shown[0], /^2009-/, `newest first: ${shown[0]}`);
    for (const p of shown) assert.match(p, /^200[5-9]-/);
    assert.deepEqual([...years()].sort(), ['2005', '2006', '2007', '2008', '2009']);
    // The next decade, chosen in the list: its seven years.
    await year.selectOption({ label: '2010–2019' });
    await page.waitForURL(/from=2010-01-01/);
    assert.equal((await address(page)).searchParams.get('to'), '2019-12-31');
    await status(page).filter({ hasText: /^\d+ articles found in 7 year\(s\)$/ }).waitFor();
    await results(page).getByRole('link').first().waitFor();
    shown = await places(page);
    assert.match(shown[0], /^2016-/, `newest first: ${shown[0]}`);
    for (const p of shown) assert.match(p, /^201\d-/);
  });
});
