// Page rating (我给版面打分) as a reader uses it: in the browser only (the default), with
// storage that is disabled, full or corrupt, and against a ratings endpoint: the reference
// server (target/debug/ratings-server, built by `make test-e2e`) with a real SQLite file, the
// server going down, and endpoints that fail, answer nonsense or never answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { serve, launch, newPage, DIST, ROOT, address } from './harness.mjs';
import { hostPage, until } from './host-page.mjs';

const SERVER_BIN = process.env.RATINGS_SERVER ?? join(ROOT, 'target/debug/ratings-server');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const rating = (page) => page.getByRole('region', { name: /我给版面打分/ });
const button = (page, n) => rating(page).getByRole('button', { name: `${n}分`, exact: true });
const text = (page) => () => rating(page).innerText();
/** The score line as the reference page prints it: 本版得分：4.2 参与评分人数：10. */
const shows = (avg, count) => new RegExp(`本版得分：${avg.replace('.', '\\.')}\\s*参与评分人数：${count}(?!\\d)`);
const pressed = async (page) => {
  const out = [];
  for (let n = 1; n <= 5; n++) if ((await button(page, n).getAttribute('aria-pressed')) === 'true') out.push(n);
  return out;
};
const toPage = (page, name) => page.getByRole('navigation', { name: '版面导航' }).getByRole('button', { name }).click();

async function opened(browserOptions = {}, url, init) {
  const page = await newPage(browser, browserOptions);
  if (init) await page.context().addInitScript(init);
  await page.goto(url);
  await rating(page).waitFor();
  return page;
}

test('a vote adds to the data baseline, can be changed without counting twice, and survives a reload', async () => {
  const server = await serve({ '/': DIST });
  const page = await opened({}, `${server.url}/`);
  try {
    // Page 1 of the newest issue: 42 points from 10 votes in the data.
    await until(text(page), shows('4.2', 10));
    assert.deepEqual(await pressed(page), []);
    for (let n = 1; n <= 5; n++) await button(page, n).waitFor();

    await button(page, 3).click();
    await until(text(page), shows('4.1', 11), '45 from 11');
    assert.deepEqual(await pressed(page), [3]);
    assert.match(await rating(page).innerText(), /您的评分：3分/);

    // Changing the vote replaces it: still 11 raters.
    await button(page, 5).click();
    await until(text(page), shows('4.3', 11), '47 from 11');
    assert.deepEqual(await pressed(page), [5]);
    await button(page, 5).click();
    await until(text(page), shows('4.3', 11));

    // Page 2 has no baseline: 0.0 from nobody, then the reader's own vote alone.
    await toPage(page, /综合新闻/);
    await until(text(page), shows('0.0', 0));
    assert.deepEqual(await pressed(page), []);
    await button(page, 4).click();
    await until(text(page), shows('4.0', 1));

    // Back on page 1, and after a reload: each page keeps its own vote.
    await toPage(page, /要闻/);
    await until(text(page), shows('4.3', 11));
    assert.deepEqual(await pressed(page), [5]);
    await address(page); // the page is in the address before the reload reads it
    await page.reload();
    await until(text(page), shows('4.3', 11));
    assert.deepEqual(await pressed(page), [5]);
    await toPage(page, /综合新闻/);
    await until(text(page), shows('4.0', 1));
    assert.deepEqual(await pressed(page), [4]);
    // Another issue's page 1 is another page: its own baseline, no vote.
    await page.goto(`${server.url}/?date=2016-09-17`);
    await until(text(page), shows('4.2', 10));
    assert.deepEqual(await pressed(page), []);
    assert.equal(await rating(page).getByRole('status').count(), 0, 'no notice when storage works');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('disabled storage: the vote works for the visit, a notice says it is not kept, nothing breaks', async () => {
  const server = await serve({ '/': DIST });
  const page = await opened({}, `${server.url}/`, () => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  try {
    await until(text(page), shows('4.2', 10));
    await button(page, 3).click();
    await until(text(page), shows('4.1', 11));
    await until(text(page), /浏览器不能保存数据，您的评分只在本次访问有效。/);
    await button(page, 1).click();
    await until(text(page), shows('3.9', 11), '43 from 11');
    assert.deepEqual(await pressed(page), [1]);
    // Within the visit the vote stays with its page.
    await toPage(page, /评论/);
    await until(text(page), shows('3.9', 7));
    await toPage(page, /要闻/);
    await until(text(page), shows('3.9', 11));
    assert.deepEqual(await pressed(page), [1]);
    // As the notice said: a reload forgets it.
    await address(page);
    await page.reload();
    await until(text(page), shows('4.2', 10));
    assert.deepEqual(await pressed(page), []);
    // The rest of the reader still works.
    await page.getByRole('navigation', { name: '版面导航' }).getByRole('button').first().waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('full storage: the vote counts for the visit and the notice says storage is full', async () => {
  const server = await serve({ '/': DIST });
  const page = await opened({}, `${server.url}/`, () => {
    Storage.prototype.setItem = function () { throw new DOMException('Quota exceeded', 'QuotaExceededError'); };
  });
  try {
    await until(text(page), shows('4.2', 10));
    await button(page, 4).click();
    await until(text(page), shows('4.2', 11), '46 from 11');
    await until(text(page), /浏览器存储已满，您的评分只在本次访问有效。/);
    assert.deepEqual(await pressed(page), [4]);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('a corrupt stored vote is ignored with a notice, and the next vote replaces it for good', async () => {
  const server = await serve({ '/': DIST });
  const page = await opened({}, `${server.url}/`);
  try {
    await until(text(page), shows('4.2', 10));
    await page.evaluate(() => {
      localStorage.setItem('broadsheet.rating.v1:中国妇女报:2016-09-24:p1', '{"score": "lots"}');
      localStorage.setItem('broadsheet.rating.v1:中国妇女报:2016-09-24:p3', '9');
    });
    await page.reload();
    await until(text(page), /浏览器中保存的评分已损坏，已忽略。/);
    await until(text(page), shows('4.2', 10));
    assert.deepEqual(await pressed(page), []);
    await button(page, 2).click();
    await until(text(page), shows('4.0', 11), '44 from 11');
    assert.doesNotMatch(await rating(page).innerText(), /已损坏/);
    await page.reload();
    await until(text(page), shows('4.0', 11));
    assert.deepEqual(await pressed(page), [2]);
    await toPage(page, /评论/);
    await until(text(page), shows('3.9', 7));
    await until(text(page), /已损坏/);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('the rating speaks English when the interface does', async () => {
  const host = await hostPage({ 'data-lang': 'en' });
  const server = await serve({ '/host.html': host.file, '/': DIST });
  const page = await newPage(browser);
  try {
    await page.goto(`${server.url}/host.html`);
    const region = page.getByRole('region', { name: /Rate this page/ });
    await region.getByRole('button', { name: '1 point', exact: true }).waitFor();
    await until(() => region.innerText(), /Page score: 4\.2\s*Ratings: 10\b/);
    await region.getByRole('button', { name: '5 points', exact: true }).click();
    await until(() => region.innerText(), /Page score: 4\.3\s*Ratings: 11\b/);
    assert.match(await region.innerText(), /Your rating: 5 points/);
  } finally {
    await page.context().close();
    await server.close();
    await host.remove();
  }
});

// ---- with a ratings endpoint --------------------------------------------------------------

/** Starts the reference server on `port` (0: any) with the demo archive and `db`. */
async function startRatings(db, port = 0) {
  if (!existsSync(SERVER_BIN)) {
    throw new Error(`${SERVER_BIN} is missing: run \`cargo test --workspace --no-run\` (make test-e2e does)`);
  }
  const child = spawn(SERVER_BIN, ['--archive', join(ROOT, 'demo/data'), '--db', db, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((ok) => child.once('exit', ok));
  const line = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the ratings server did not start within 20 s')), 20000);
    createInterface({ input: child.stdout }).once('line', (l) => { clearTimeout(timer); ok(l); });
    child.once('exit', (code) => fail(new Error(`the ratings server exited with ${code}`)));
  });
  const url = line.replace('listening on ', '');
  return {
    url,
    port: Number(new URL(url).port),
    stop: async () => { child.kill('SIGTERM'); await exited; },
  };
}

/** The endpoint's own view of a page, as another client would read it. */
async function shared(endpoint, page) {
  const res = await fetch(`${endpoint}/2016-09-24/${page}`);
  return res.json();
}

async function withEndpoint(endpoint, body) {
  const host = await hostPage({ 'data-ratings': `${endpoint}/` });
  const server = await serve({ '/host.html': host.file, '/': DIST });
  try {
    await body(`${server.url}/host.html`);
  } finally {
    await server.close();
    await host.remove();
  }
}

test('with the reference server: shared scores, one vote per reader that can change, across readers and reloads', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-ratings-e2e-'));
  const ratings = await startRatings(join(dir, 'ratings.sqlite'));
  try {
    await withEndpoint(ratings.url, async (url) => {
      const alice = await opened({}, url);
      await until(text(alice), shows('4.2', 10), 'the shared score (the data baseline on a fresh server)');
      await button(alice, 4).click();
      await until(text(alice), shows('4.2', 11), '46 from 11');
      assert.deepEqual(await pressed(alice), [4]);
      await button(alice, 1).click();
      await until(text(alice), shows('3.9', 11), '43 from 11');
      assert.deepEqual(await shared(ratings.url, 'p1'), { date: '2016-09-24', page: 'p1', sum: 43, count: 11, mine: null });

      // Another reader (another browser profile) sees the shared score and adds a vote.
      const bob = await opened({}, url);
      await until(text(bob), shows('3.9', 11));
      assert.deepEqual(await pressed(bob), []);
      await button(bob, 5).click();
      await until(text(bob), shows('4.0', 12), '48 from 12');

      // Alice reloads: the server still knows her vote by her client id.
      await alice.reload();
      await until(text(alice), shows('4.0', 12));
      assert.deepEqual(await pressed(alice), [1]);
      await toPage(alice, /综合新闻/);
      await until(text(alice), shows('0.0', 0));
      await button(alice, 2).click();
      await until(text(alice), shows('2.0', 1));
      assert.equal((await shared(ratings.url, 'p2')).count, 1);
      assert.deepEqual([...alice.errors, ...bob.errors], []);
      await alice.context().close();
      await bob.context().close();
    });
  } finally {
    await ratings.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the server going down: the baseline with a notice, an unsent vote that can be retried', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-ratings-e2e-'));
  const db = join(dir, 'ratings.sqlite');
  let ratings = await startRatings(db);
  const port = ratings.port;
  try {
    await withEndpoint(ratings.url, async (url) => {
      const page = await opened({}, url);
      await until(text(page), shows('4.2', 10));
      await ratings.stop();

      // The vote cannot be sent: it says so and offers a retry; the score does not pretend.
      await button(page, 3).click();
      const alert = rating(page).getByRole('alert');
      await until(() => alert.innerText(), /您的评分“3分”未能发送：无法连接评分服务器。/);
      await until(text(page), shows('4.2', 10));
      assert.deepEqual(await pressed(page), []);

      // A reload while it is down: the data's baseline, with a notice.
      await page.reload();
      await until(text(page), /暂时无法读取共享评分：无法连接评分服务器。显示的是本版原有评分。/);
      await until(text(page), shows('4.2', 10));
      await button(page, 3).click();
      await until(() => alert.innerText(), /未能发送/);

      // The server is back: 重试 sends the vote, and the notices go.
      ratings = await startRatings(db, port);
      await alert.getByRole('button', { name: '重试' }).click();
      await until(text(page), shows('4.1', 11), '45 from 11');
      assert.deepEqual(await pressed(page), [3]);
      assert.equal(await rating(page).getByRole('alert').count(), 0);
      assert.doesNotMatch(await rating(page).innerText(), /暂时无法读取/);
      assert.equal((await shared(ratings.url, 'p1')).count, 11);
      // The browser logs the refused connections itself; the app adds no errors of its own.
      assert.deepEqual(page.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e)), []);
      await page.context().close();
    });
  } finally {
    await ratings.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

/** A broken ratings endpoint: `mode(req)` says how to answer each request. */
async function brokenEndpoint(mode) {
  const sockets = new Set();
  const server = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, PUT', 'access-control-allow-headers': 'content-type' };
    if (req.method === 'OPTIONS') { res.writeHead(204, cors).end(); return; }
    const how = mode(req);
    if (how === 'hang') return; // never answers
    if (how === 'error') { res.writeHead(500, { ...cors, 'content-type': 'application/json' }).end('{"error":"database","message":"down"}'); return; }
    res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(how);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => { for (const s of sockets) s.destroy(); return new Promise((ok) => server.close(ok)); },
  };
}

test('an endpoint that fails, answers nonsense or never answers: the baseline and a short notice', async () => {
  const cases = [
    [() => 'error', /暂时无法读取共享评分：评分服务器出错（HTTP 500）。/],
    [() => '{"sum": 99, "count": 1, "mine": null}', /暂时无法读取共享评分：评分服务器的回答无效。/],
    [() => '<html>502 Bad Gateway</html>', /评分服务器的回答无效/],
    [() => 'hang', /暂时无法读取共享评分：服务器没有及时回答。/],
  ];
  for (const [mode, notice] of cases) {
    const endpoint = await brokenEndpoint(mode);
    try {
      await withEndpoint(endpoint.url, async (url) => {
        const page = await opened({}, url);
        await until(text(page), notice, String(notice), 20000);
        await until(text(page), shows('4.2', 10));
        await page.context().close();
      });
    } finally {
      await endpoint.close();
    }
  }
  // A vote answered with an error, or with an answer that does not hold it, is not taken as sent.
  const endpoint = await brokenEndpoint(() => '{"sum": 42, "count": 10, "mine": null}');
  try {
    await withEndpoint(endpoint.url, async (url) => {
      const page = await opened({}, url);
      await until(text(page), shows('4.2', 10));
      await button(page, 5).click();
      await until(() => rating(page).getByRole('alert').innerText(), /您的评分“5分”未能发送：评分服务器的回答无效。/);
      assert.deepEqual(await pressed(page), []);
      await page.context().close();
    });
  } finally {
    await endpoint.close();
  }
});

test('leaving a page aborts its rating requests still on their way, well before their time limit', async () => {
  // When each request the endpoint left hanging was dropped by the browser, after the reader left.
  const hung = [];
  let left = 0;
  const wait = (ms) => new Promise((ok) => setTimeout(ok, ms));
  const endpoint = await brokenEndpoint((req) => {
    const first = !hung.some((h) => h.method === req.method && h.url === req.url);
    if (first && ((req.method === 'GET' && req.url.startsWith('/2016-09-24/p1')) || req.method === 'PUT')) {
      const h = { method: req.method, url: req.url, closedAfterLeaving: null };
      hung.push(h);
      req.socket.once('close', () => { h.closedAfterLeaving = Date.now() - left; });
      return 'hang';
    }
    return req.method === 'PUT' ? '{"sum": 3, "count": 1, "mine": 3}' : '{"sum": 0, "count": 0, "mine": null}';
  });
  try {
    await withEndpoint(endpoint.url, async (url) => {
      const page = await opened({}, url);
      // Page 1's score never comes; the reader leaves for page 2 before the 5 s limit.
      await until(text(page), /正在读取评分/);
      await wait(1500);
      assert.equal(hung.length, 1);
      assert.equal(hung[0].closedAfterLeaving, null, 'still waiting while the page is shown');
      left = Date.now();
      await toPage(page, /综合新闻/);
      await until(text(page), shows('0.0', 0));
      await until(async () => String(hung[0].closedAfterLeaving), /^\d+$/, 'the GET of page 1 aborted', 3000);
      assert.ok(hung[0].closedAfterLeaving < 1500, `aborted ${hung[0].closedAfterLeaving} ms after leaving`);

      // A vote on its way when the reader leaves is aborted too.
      await button(page, 3).click();
      await until(() => rating(page).innerText(), /正在发送评分/);
      await wait(1000);
      assert.equal(hung.length, 2);
      left = Date.now();
      await toPage(page, /要闻/);
      await until(async () => String(hung[1].closedAfterLeaving), /^\d+$/, 'the PUT aborted', 3000);
      assert.ok(hung[1].closedAfterLeaving < 1500, `aborted ${hung[1].closedAfterLeaving} ms after leaving`);
      // Back on page 1, its score is read afresh, and nothing of the aborted requests shows.
      await until(text(page), shows('0.0', 0));
      assert.doesNotMatch(await rating(page).innerText(), /暂时无法读取|未能发送/);
      assert.deepEqual(page.errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e)), []);
      await page.context().close();
    });
  } finally {
    await endpoint.close();
  }
});

test('with an endpoint and storage disabled: the vote is sent, and the reader is told it cannot be changed later', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-ratings-e2e-'));
  const ratings = await startRatings(join(dir, 'ratings.sqlite'));
  try {
    await withEndpoint(ratings.url, async (url) => {
      const page = await opened({}, url, () => {
        Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('no', 'SecurityError'); } });
      });
      await until(text(page), /重新打开后，将无法修改这次评分/);
      await until(text(page), shows('4.2', 10));
      await button(page, 2).click();
      await until(text(page), shows('4.0', 11));
      await button(page, 4).click();
      await until(text(page), shows('4.2', 11), 'changed within the visit, still 11');
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  } finally {
    await ratings.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
