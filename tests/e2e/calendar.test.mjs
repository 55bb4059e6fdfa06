// The date calendar (按日期检索), as a reader uses it: month by month with 上个月, a day picked
// by its full date, the masthead read back; previous and next issue; a date without an issue;
// the grid walked with the keyboard; bad month indexes reported in place; and a 30-year archive
// costing the same requests per month as the small demo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, DIST, demoCopy, kit, address } from './harness.mjs';
import { hostPage } from './host-page.mjs';

let browser;
let synth;
before(async () => {
  browser = await launch();
  // A 30-year daily archive from the kit.
  synth = await mkdtemp(join(tmpdir(), 'broadsheet-synth-'));
  kit('synth', synth, '--years', '30');
});
after(async () => {
  await browser?.close();
  if (synth) await rm(synth, { recursive: true, force: true });
});

/** Serves the app with `data` as its archive, runs `body(page, server)`, and cleans up. */
async function withReader(data, body, options = {}) {
  const server = await serve(data ? { '/data/': data, '/': DIST } : { '/': DIST });
  const page = await newPage(browser, options.context);
  if (options.init) await options.init(page);
  try {
    await page.goto(`${server.url}/${options.query ?? ''}`);
    await body(page, server);
    assert.deepEqual(page.errors.filter((e) => !/404|Not Found/.test(e)), []);
  } finally {
    await page.context().close();
    await server.close();
  }
}

/** A copy of the demo archive to break. */

const mastheadDate = (page) => page.getByRole('banner').locator('time').innerText();
const monthRequests = (server) => server.requests.filter((p) => p.startsWith('/data/months/'));
/** Waits until the calendar has shown a month in full (its User Timing mark). */
const shown = (page, month) => page.waitForFunction((m) => performance.getEntriesByName(`broadsheet:calendar:${m}`).length > 0, month);
/** Waits until the server has been asked for `path`. */
async function requested(server, path) {
  for (let i = 0; i < 400 && !server.requests.includes(path); i++) await new Promise((ok) => setTimeout(ok, 25));
  assert.ok(server.requests.includes(path), `${path} was requested`);
}

test('back three months with 上个月, pick a day, read its date on the masthead', async () => {
  await withReader(null, async (page, server) => {
    const calendar = page.getByRole('region', { name: '按日期检索' });
    await calendar.getByRole('grid', { name: '2016年9月' }).waitFor();
    // Weekday headers in Chinese, Monday first; the open issue marked; days with issues are links.
    assert.deepEqual(await calendar.getByRole('columnheader').evaluateAll((hs) => hs.map((h) => h.getAttribute('aria-label'))),
      ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日']);
    const open = calendar.getByRole('gridcell', { name: '2016年9月24日 星期六' });
    assert.equal(await open.getAttribute('aria-selected'), 'true');
    await calendar.getByRole('link', { name: '2016年9月17日 星期六' }).waitFor();
    assert.deepEqual(await calendar.getByRole('link').evaluateAll((as) => as.map((a) => a.textContent.trim())), ['10', '17', '24']);
    assert.equal(await calendar.getByRole('gridcell', { name: '2016年9月11日 星期日' }).getByRole('link').count(), 0);
    assert.equal(await calendar.getByRole('gridcell', { name: '2016年9月11日 星期日' }).getAttribute('aria-disabled'), 'true');
    // The newest month: 下个月 is there but disabled.
    assert.equal(await calendar.getByRole('button', { name: '下个月' }).isDisabled(), true);

    const back = calendar.getByRole('button', { name: '上个月' });
    await back.click();
    await calendar.getByRole('link', { name: '2016年8月27日 星期六' }).waitFor();
    await back.click();
    await calendar.getByRole('grid', { name: '2016年7月' }).waitFor();
    assert.match(await calendar.innerText(), /本月没有出版/);
    assert.equal(await calendar.getByRole('grid').getByRole('link').count(), 0);
    await back.click();
    const june = calendar.getByRole('grid', { name: '2016年6月' });
    await june.waitFor();
    // The archive's first month: 上个月 stays, disabled.
    assert.equal(await back.isDisabled(), true);
    assert.equal(await calendar.getByRole('button', { name: '下个月' }).isDisabled(), false);

    await june.getByRole('link', { name: '2016年6月25日 星期六' }).click();
    await page.waitForFunction(() => document.querySelector('.bs-masthead time')?.textContent === '2016年6月25日 星期六');
    assert.equal(await mastheadDate(page), '2016年6月25日 星期六');
    assert.match((await address(page)).href, /[?&]date=2016-06-25/);
    await page.getByRole('navigation', { name: '版面导航' }).getByRole('button').first().waitFor();
    assert.equal(await june.getByRole('gridcell', { name: '2016年6月25日 星期六' }).getAttribute('aria-selected'), 'true');

    // One index per month with issues, each fetched once; the empty July never.
    assert.deepEqual(monthRequests(server).sort(), ['/data/months/2016-06.json', '/data/months/2016-08.json', '/data/months/2016-09.json']);
    // Back in history returns to the newest issue.
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('.bs-masthead time')?.textContent === '2016年9月24日 星期六');
    await calendar.getByRole('grid', { name: '2016年9月' }).waitFor();
  });
});

test('jump to a year and month with the selects', async () => {
  await withReader(synth, async (page) => {
    const calendar = page.getByRole('region', { name: 'Find by date' });
    await calendar.getByRole('grid', { name: 'September 2016' }).waitFor();
    const year = calendar.getByRole('combobox', { name: 'Year' });
    const month = calendar.getByRole('combobox', { name: 'Month' });
    const years = await year.getByRole('option').allInnerTexts();
    assert.equal(years[0], '1986');
    assert.equal(years.at(-1), '2016');
    // Months after the last issue are not offered in 2016.
    assert.equal(await month.getByRole('option', { name: 'October' }).isDisabled(), true);
    await year.selectOption('1990');
    await calendar.getByRole('grid', { name: 'September 1990' }).waitFor();
    await month.selectOption('2');
    await calendar.getByRole('grid', { name: 'February 1990' }).waitFor();
    await calendar.getByRole('link', { name: 'Wednesday, 28 February 1990' }).click();
    await page.waitForFunction(() => document.querySelector('.bs-masthead time')?.textContent === 'Wednesday, 28 February 1990');
    // The first year: months before the first issue (1986-09-25) are disabled, the month clamps.
    await year.selectOption('1986');
    await calendar.getByRole('grid', { name: 'September 1986' }).waitFor();
    assert.equal(await month.getByRole('option', { name: 'August' }).isDisabled(), true);
    assert.equal(await calendar.getByRole('button', { name: 'Previous month' }).isDisabled(), true);
    // The grid is drawn before the month's index arrives; its days become links when it does.
    await calendar.getByRole('link', { name: /25 September 1986/ }).waitFor();
    assert.equal(await calendar.getByRole('link').count(), 6); // 25 to 30 September 1986
  });
});

test('上一期 and 下一期 skip the days and months without an issue', async () => {
  await withReader(null, async (page) => {
    const nav = page.getByRole('navigation', { name: '往期' });
    const previous = nav.getByRole('button', { name: '上一期' });
    const next = nav.getByRole('button', { name: '下一期' });
    await page.waitForFunction(() => document.querySelector('.bs-masthead time')?.textContent === '2016年9月24日 星期六');
    await previous.and(page.locator(':enabled')).waitFor();
    assert.equal(await next.isDisabled(), true);
    const seen = [];
    for (const expected of ['2016年9月17日 星期六', '2016年9月10日 星期六', '2016年8月27日 星期六', '2016年6月25日 星期六']) {
      await previous.and(page.locator(':enabled')).click();
      await page.waitForFunction((d) => document.querySelector('.bs-masthead time')?.textContent === d, expected);
      seen.push(await mastheadDate(page));
    }
    assert.equal(seen.length, 4);
    // The first issue: 上一期 disabled, 下一期 leads past the empty July.
    await next.and(page.locator(':enabled')).waitFor();
    assert.equal(await previous.isDisabled(), true);
    await next.click();
    await page.waitForFunction(() => document.querySelector('.bs-masthead time')?.textContent === '2016年8月27日 星期六');
    await page.getByRole('region', { name: '按日期检索' }).getByRole('grid', { name: '2016年8月' }).waitFor();
  });
});

test('a host page that leaves the calendar out gets no 上一期/下一期 and fetches no month index', async () => {
  const host = await hostPage({ 'data-widgets': 'pages rating' });
  const server = await serve({ '/host.html': host.file, '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${server.url}/host.html`);
    await page.locator('.bs-region polygon').first().waitFor({ state: 'attached' });
    await page.getByRole('navigation', { name: '版面导航' }).getByRole('button').first().waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await mastheadDate(page), '2016年9月24日 星期六');
    assert.equal(await page.locator('.bs-calendar').count(), 0);
    assert.equal(await page.getByRole('navigation', { name: '往期' }).count(), 0, 'no issue navigation');
    assert.equal(await page.getByRole('button', { name: /^(上一期|下一期)$/ }).count(), 0);
    // Not built at all, rather than built and hidden by the root's bs-no-calendar class.
    assert.equal(await page.locator('.bs-issue-nav, button:text-is("上一期"), button:text-is("下一期")').count(), 0, 'not in the DOM');
    assert.deepEqual(monthRequests(server), [], 'no month index asked for');
    assert.deepEqual(page.errors, []);
    // The same app and archive with every widget: the calendar and its issue navigation are there.
    await page.goto(`${server.url}/`);
    await page.getByRole('navigation', { name: '往期' }).getByRole('button', { name: '上一期' }).and(page.locator(':enabled')).waitFor();
    assert.ok(monthRequests(server).includes('/data/months/2016-09.json'));
  } finally {
    await page.context().close();
    await server.close();
    await host.remove();
  }
});

test('a date without an issue says so and offers the nearest issues either side', async () => {
  await withReader(null, async (page, server) => {
    const notice = page.getByRole('status').filter({ hasText: '没有出版报纸' });
    await notice.waitFor();
    assert.match(await notice.innerText(), /2016年9月11日 星期日没有出版报纸。/);
    assert.match(await notice.innerText(), /本报数字版收录2016年6月25日 星期六至2016年9月24日 星期六的报纸/);
    const earlier = notice.getByRole('link', { name: '前一期：2016年9月10日 星期六' });
    const later = notice.getByRole('link', { name: '后一期：2016年9月17日 星期六' });
    await earlier.waitFor();
    await later.waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'a date without an issue is not an error');
    await later.click();
    await page.waitForFunction(() => document.querySelector('.bs-masthead time')?.textContent === '2016年9月17日 星期六');
    await page.getByRole('navigation', { name: '版面导航' }).getByRole('button').first().waitFor();

    // A typed date in the empty July: the manifest answers, no index of July is asked for.
    const input = page.getByLabel('日期', { exact: true });
    await input.fill('2016-07-14');
    await input.press('Enter');
    const july = page.getByRole('status').filter({ hasText: '2016年7月14日 星期四没有出版报纸' });
    await july.waitFor();
    await july.getByRole('link', { name: '前一期：2016年6月25日 星期六' }).waitFor();
    await july.getByRole('link', { name: '后一期：2016年8月27日 星期六' }).waitFor();
    await page.getByRole('grid', { name: '2016年7月' }).waitFor();
    assert.ok(!server.requests.includes('/data/months/2016-07.json'));

    // Beyond the archive's ends.
    await page.goto(`${server.url}/?date=2017-01-01`);
    const after = page.getByRole('status').filter({ hasText: '2017年1月1日 星期日没有出版报纸' });
    await after.getByRole('link', { name: '前一期：2016年9月24日 星期六' }).waitFor();
    assert.match(await after.innerText(), /没有更晚的一期/);
  }, { query: '?date=2016-09-11' });
});

test('the grid is walked with the arrow keys as a date grid', async () => {
  await withReader(null, async (page) => {
    const grid = page.getByRole('grid', { name: '2016年9月' });
    await grid.getByRole('link', { name: '2016年9月10日 星期六' }).waitFor();
    // Tab from the month picker lands on the open issue's day, the grid's one tab stop.
    await page.getByRole('combobox', { name: '月' }).focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    // Focus moves on the next frame, after the grid has redrawn.
    const focusOn = (label) => page.waitForFunction((l) => document.activeElement?.getAttribute('aria-label') === l, label);
    await focusOn('2016年9月24日 星期六');
    assert.equal(await page.locator('.bs-cal-grid [tabindex="0"]').count(), 1);
    await page.keyboard.press('ArrowUp');
    await focusOn('2016年9月17日 星期六');
    await page.keyboard.press('ArrowLeft');
    await focusOn('2016年9月16日 星期五');
    await page.keyboard.press('Home');
    await focusOn('2016年9月12日 星期一');
    await page.keyboard.press('End');
    await focusOn('2016年9月18日 星期日');
    await page.keyboard.press('ArrowRight');
    await focusOn('2016年9月19日 星期一');
    // Across the month's start: the grid turns to August.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    await page.getByRole('grid', { name: '2016年8月' }).waitFor();
    await focusOn('2016年8月29日 星期一');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await focusOn('2016年8月27日 星期六');
    // PageUp / PageDown by month, never past the archive's ends.
    await page.keyboard.press('PageDown');
    await focusOn('2016年9月27日 星期二');
    await page.keyboard.press('PageDown');
    await focusOn('2016年9月30日 星期五');
    await page.keyboard.press('PageUp');
    await focusOn('2016年8月30日 星期二');
    // Enter on a day with an issue opens it; on a day without one does nothing.
    await page.keyboard.press('Enter');
    assert.equal(await mastheadDate(page), '2016年9月24日 星期六');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await focusOn('2016年8月27日 星期六');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.bs-masthead time')?.textContent === '2016年8月27日 星期六');
    // Focus stays in the grid, on the day just opened.
    await focusOn('2016年8月27日 星期六');
    assert.equal(await page.getByRole('gridcell', { name: '2016年8月27日 星期六' }).getAttribute('aria-selected'), 'true');
  });
});

test('today is marked, and an English reader gets the locale\'s week', async () => {
  await withReader(synth, async (page) => {
    const calendar = page.getByRole('region', { name: 'Find by date' });
    await calendar.getByRole('grid', { name: 'September 2016' }).waitFor();
    assert.equal((await calendar.getByRole('columnheader').first().getAttribute('aria-label')), 'Sunday');
    assert.equal(await calendar.getByRole('gridcell', { name: 'Tuesday, 20 September 2016' }).getAttribute('aria-current'), 'date');
    assert.equal(await calendar.locator('[aria-current="date"]').count(), 1);
  }, {
    context: { locale: 'en-US' },
    init: (page) => page.clock.setFixedTime(new Date(2016, 8, 20, 10, 0, 0)),
  });
  await withReader(synth, async (page) => {
    const calendar = page.getByRole('region', { name: 'Find by date' });
    await calendar.getByRole('grid', { name: 'September 2016' }).waitFor();
    assert.equal((await calendar.getByRole('columnheader').first().getAttribute('aria-label')), 'Monday');
  }, { context: { locale: 'en-GB' } });
});

test('a 30-year archive costs the same month requests as the demo: one per month step', async () => {
  const walk = async (data, month0, names) => {
    const counts = [];
    await withReader(data, async (page, server) => {
      const calendar = page.locator('.bs-calendar');
      await shown(page, month0[0]);
      await requested(server, `/data/months/${month0[1]}.json`);
      counts.push(monthRequests(server).length);
      for (const [m, prefetch] of names) {
        const before = monthRequests(server).length;
        await calendar.locator('.bs-cal-prev').click();
        await shown(page, m);
        if (prefetch) await requested(server, `/data/months/${prefetch}.json`);
        counts.push(monthRequests(server).length - before);
      }
      await page.waitForLoadState('networkidle');
      const all = monthRequests(server);
      assert.equal(new Set(all).size, all.length, `no month fetched twice: ${all}`);
      // Besides the months, only the manifest and the open issue were fetched as data.
      assert.deepEqual(server.requests.filter((p) => p.startsWith('/data/') && !p.startsWith('/data/months/') && p.endsWith('.json')).sort(),
        data ? ['/data/archive.json', '/data/issues/2016/09/24.json'] : ['/data/archive.json', '/data/issues/2016-09-24/issue.json']);
    });
    return counts;
  };
  // The demo: 2016-09 and its neighbour 2016-08 on opening; stepping to August prefetches June
  // across the empty July; July and June cost nothing more.
  const demo = await walk(null, ['2016-09', '2016-08'], [['2016-08', '2016-06'], ['2016-07', null], ['2016-06', null]]);
  assert.deepEqual(demo, [2, 1, 0, 0]);
  // Thirty years: the same two on opening, then exactly one index per step (the next one back).
  const big = await walk(synth, ['2016-09', '2016-08'], [['2016-08', '2016-07'], ['2016-07', '2016-06'], ['2016-06', '2016-05']]);
  assert.deepEqual(big, [2, 1, 1, 1]);
  // And a deep link into the middle of the archive asks for that month and its neighbours only.
  await withReader(synth, async (page, server) => {
    await page.getByRole('banner').getByText('Thursday, 17 May 1990').waitFor();
    await shown(page, '1990-05');
    await requested(server, '/data/months/1990-04.json');
    await requested(server, '/data/months/1990-06.json');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(monthRequests(server).sort(), ['/data/months/1990-04.json', '/data/months/1990-05.json', '/data/months/1990-06.json']);
  }, { query: '?date=1990-05-17' });
});

test('a missing month index is an error with a retry, unless the manifest says the month is empty', async () => {
  const data = await demoCopy();
  const august = join(data, 'months/2016-08.json');
  const good = await readFile(august, 'utf8');
  await rm(august);
  try {
    await withReader(data, async (page) => {
      const calendar = page.getByRole('region', { name: '按日期检索' });
      await calendar.getByRole('link', { name: '2016年9月10日 星期六' }).waitFor();
      await calendar.getByRole('button', { name: '上个月' }).click();
      const alert = calendar.getByRole('alert');
      await alert.waitFor();
      assert.match(await calendar.innerText(), /archive.json 说这个月有报纸，但找不到这个月的索引文件。/);
      assert.match(await alert.innerText(), /data\/months\/2016-08\.json/);
      assert.match(await alert.innerText(), /HTTP 404/);
      // The rest of the reader keeps working: pages still turn.
      await page.getByRole('navigation', { name: '版面导航' }).getByRole('button', { name: /综合新闻/ }).click();
      await page.getByRole('region', { name: /综合新闻/ }).getByRole('listitem').first().waitFor();
      // July is empty by the manifest: no error, no request.
      await calendar.getByRole('button', { name: '上个月' }).click();
      await calendar.getByRole('grid', { name: '2016年7月' }).waitFor();
      assert.equal(await calendar.getByRole('alert').count(), 0);
      assert.match(await calendar.innerText(), /本月没有出版/);
      await calendar.getByRole('button', { name: '下个月' }).click();
      // Mend the file and retry.
      await writeFile(august, good);
      await calendar.getByRole('alert').getByRole('button', { name: '重试' }).click();
      await calendar.getByRole('link', { name: '2016年8月27日 星期六' }).waitFor();
      assert.equal(await calendar.getByRole('alert').count(), 0);
    });
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});

test('a corrupt or misplaced month index is refused with a retry; an out-of-order or duplicated entry is left out and said', async () => {
  // Refused whole: nothing in the file can be trusted.
  const refused = [
    ['corrupt', '<html>not found</html>', /not valid JSON/],
    ['another month', JSON.stringify({ version: 1, month: '2016-06', issues: [{ date: '2016-06-25', pages: 4 }] }),
      /month: is 2016-06 but this is the index file of 2016-08/],
  ];
  // Read leniently: the broken entry is left out and named by its JSON path, the rest shows.
  const lenient = [
    ['out of order', JSON.stringify({ version: 1, month: '2016-08', issues: [{ date: '2016-08-27', pages: 4 }, { date: '2016-08-20', pages: 4 }] }),
      /issues\[1\]\.date 2016-08-20 is listed after 2016-08-27: dates must be in ascending order/],
    ['duplicated', JSON.stringify({ version: 1, month: '2016-08', issues: [{ date: '2016-08-27', pages: 4 }, { date: '2016-08-27', pages: 4 }] }),
      /issues\[1\]\.date 2016-08-27 is listed twice/],
  ];
  for (const [what, text, message] of [...refused, ...lenient]) {
    const data = await demoCopy();
    await writeFile(join(data, 'months/2016-08.json'), text);
    try {
      await withReader(data, async (page) => {
        const calendar = page.getByRole('region', { name: '按日期检索' });
        await calendar.getByRole('button', { name: '上个月' }).click();
        const nav = page.getByRole('navigation', { name: '往期' });
        if (refused.some(([w]) => w === what)) {
          const alert = calendar.getByRole('alert');
          await alert.waitFor();
          assert.match(await alert.innerText(), message, what);
          assert.match(await alert.innerText(), /无法加载 data\/months\/2016-08\.json/, what);
          await alert.getByRole('button', { name: '重试' }).waitFor();
          // 上一期 from 10 September needs August: it stays disabled rather than guess.
          await nav.getByRole('button', { name: '下一期' }).and(page.locator(':enabled')).waitFor();
          assert.equal(await nav.getByRole('button', { name: '上一期' }).isDisabled(), true, what);
        } else {
          const notice = calendar.getByRole('status', { name: '2016年8月的索引问题' });
          await notice.waitFor();
          assert.match(await notice.innerText(), /2016年8月的索引有 1 处问题/, what);
          await notice.getByText('查看问题').click();
          assert.match(await notice.innerText(), message, what);
          assert.equal(await calendar.getByRole('alert').count(), 0, what);
          // The valid entry reads: its day opens, and 上一期 from 10 September goes to it.
          await calendar.getByRole('link', { name: '2016年8月27日 星期六' }).waitFor();
          await nav.getByRole('button', { name: '上一期' }).and(page.locator(':enabled')).waitFor();
        }
      }, { query: '?date=2016-09-10' });
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  }
});

test('a date the index lists but whose issue file is missing is reported as missing, with the nearest issues', async () => {
  const data = await demoCopy();
  await rm(join(data, 'issues/2016-09-17/issue.json'));
  try {
    await withReader(data, async (page) => {
      await page.getByRole('grid', { name: '2016年9月' }).getByRole('link', { name: '2016年9月17日 星期六' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /data\/issues\/2016-09-17\/issue\.json/);
      assert.match(await page.locator('main').innerText(), /这个月的索引列出了这一期，但这一期的文件不存在。/);
      await page.getByRole('link', { name: '前一期：2016年9月10日 星期六' }).waitFor();
      await page.getByRole('link', { name: '后一期：2016年9月24日 星期六' }).click();
      await page.getByRole('navigation', { name: '版面导航' }).getByRole('button').first().waitFor();
      assert.equal(await mastheadDate(page), '2016年9月24日 星期六');
    });
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});
