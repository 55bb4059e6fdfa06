// Deployment: the built app and the demo archive behind a real nginx (Debian's package, which
// `make test` installs), started here on 127.0.0.1 with the server block from docs/deploy.md,
// under the sub-path /epaper/. Checks the headers the guide promises, then reads an article
// through it in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { access, mkdtemp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, DIST, ROOT, address } from './harness.mjs';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const MIME = '/etc/nginx/mime.types';
const SEED = '好姐妹·娘家人';

async function installed() {
  try {
    await access(NGINX, constants.X_OK);
    await access(MIME, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** The nginx server block of docs/deploy.md, as a reader of the guide would copy it. */
async function guideServerBlock() {
  const guide = await readFile(join(ROOT, 'docs/deploy.md'), 'utf8');
  const block = guide.match(/```nginx\n(# broadsheet-site[\s\S]*?)```/);
  assert.ok(block, 'docs/deploy.md has the nginx server block marked "# broadsheet-site"');
  return block[1];
}

let nginx, dir, base, browser, log = '';
const available = await installed();
const skip = available ? false
  : `nginx is not installed (${NGINX}); \`make test\` installs it with the browser tools (apt-get install nginx-light)`;

before(async () => {
  if (!available) return;
  dir = await mkdtemp(join(tmpdir(), 'broadsheet-nginx-'));
  const www = join(dir, 'www');
  await mkdir(www);
  await symlink(DIST, join(www, 'epaper'));
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) await mkdir(join(dir, t));
  const port = await freePort();
  const site = (await guideServerBlock())
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/root \/srv\/www;/, `root ${www};`);
  assert.notEqual(site, await guideServerBlock(), 'the guide\'s listen and root were found');
  const root = process.getuid?.() === 0;
  const conf = `# Written by tests/e2e/nginx.test.mjs
${root ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
    include ${MIME};
    default_type application/octet-stream;
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    sendfile on;
${site}
}
`;
  await writeFile(join(dir, 'nginx.conf'), conf);
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  nginx.stdout.on('data', (d) => { log += d; });
  nginx.stderr.on('data', (d) => { log += d; });
  base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 10000;
  for (;;) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited ${nginx.exitCode}: ${log}${await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')}`);
    try {
      await fetch(`${base}/epaper/`);
      break;
    } catch {
      if (Date.now() > end) throw new Error(`nginx did not answer on ${base}: ${log}`);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (nginx && nginx.exitCode === null) {
    nginx.kill('SIGQUIT');
    await new Promise((ok) => nginx.once('exit', ok));
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

const head = async (path, headers = {}) => {
  const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
  await res.arrayBuffer();
  return res;
};

test('nginx serves the app under /epaper/ with the caching, type and compression headers of the guide', { skip }, async () => {
  const index = await head('/epaper/');
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.match(index.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  const moved = await head('/epaper');
  assert.equal(moved.status, 301);
  assert.equal(moved.headers.get('location'), '/epaper/', 'a relative redirect');

  const files = await readdir(DIST);
  const wasm = files.find((f) => /^broadsheet-[0-9a-f]{1,16}_bg\.wasm$/.test(f));
  const js = files.find((f) => /^broadsheet-[0-9a-f]{1,16}\.js$/.test(f));
  const css = files.find((f) => /^broadsheet-[0-9a-f]{1,16}\.css$/.test(f));
  assert.ok(wasm && js && css, `hashed files in the build: ${files}`);
  for (const f of [wasm, js, css]) {
    const res = await head(`/epaper/${f}`, { 'accept-encoding': 'gzip' });
    assert.equal(res.status, 200, f);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', f);
    assert.equal(res.headers.get('content-encoding'), 'gzip', `${f} is compressed`);
  }
  assert.equal((await head(`/epaper/${wasm}`)).headers.get('content-type'), 'application/wasm');
  // The parts of the split build (src/part.rs): in a folder named by the build, as immutable.
  const parts = files.find((f) => /^broadsheet-parts-[0-9a-f]{16}$/.test(f));
  assert.ok(parts, `a parts folder in the build: ${files}`);
  for (const f of ['parts.js', 'split_calendar_part.wasm']) {
    const res = await head(`/epaper/${parts}/${f}`, { 'accept-encoding': 'gzip' });
    assert.equal(res.status, 200, f);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', f);
    assert.equal(res.headers.get('content-encoding'), 'gzip', `${f} is compressed`);
  }
  assert.equal((await head(`/epaper/${parts}/split_calendar_part.wasm`)).headers.get('content-type'), 'application/wasm');
  const loader = await head('/epaper/broadsheet-loader.js', { 'accept-encoding': 'gzip' });
  assert.equal(loader.headers.get('cache-control'), 'no-cache', 'the loader names the build: short-lived');

  const archive = await head('/epaper/data/archive.json', { 'accept-encoding': 'gzip' });
  assert.equal(archive.headers.get('cache-control'), 'public, max-age=300');
  assert.equal(archive.headers.get('content-type'), 'application/json');
  assert.equal((await head('/epaper/data/months/2016-09.json')).headers.get('cache-control'), 'public, max-age=300');
  const issue = await head('/epaper/data/issues/2016-09-24/issue.json', { 'accept-encoding': 'gzip' });
  assert.equal(issue.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(issue.headers.get('content-encoding'), 'gzip');
  assert.equal((await head('/epaper/data/issues/2016-09-24/p2.svg')).headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal((await head('/epaper/data/issues/1999-01-01/issue.json')).status, 404);
});

test('a reader opens an article through nginx under /epaper/, and its deep link works there', { skip }, async () => {
  const page = await newPage(browser);
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(`${base}/epaper/?page=p2`);
  await page.locator('#bs-region-a0202').waitFor({ state: 'attached' });
  await page.locator('#bs-title-a0202').click();
  await page.getByRole('heading', { level: 2, name: SEED }).waitFor();
  assert.match(await page.getByRole('article').innerText(), /□ 新华社记者 黄小希/);
  const deep = (await address(page)).href;
  assert.match(deep, /\/epaper\/\?page=p2&article=a0202$/);
  const other = await newPage(browser);
  await other.goto(deep);
  await other.getByRole('heading', { level: 2, name: SEED }).waitFor();
  assert.deepEqual(violations, [], 'the guide\'s CSP header lets the reader run');
  assert.deepEqual([...page.errors, ...other.errors], []);
  // Every request went through nginx under /epaper/ and none failed.
  const accessLog = await readFile(join(dir, 'access.log'), 'utf8');
  // (The browser's requests, not the header checks' own.)
  const lines = accessLog.trim().split('\n').filter((l) => l.includes('"GET /epaper/') && !l.endsWith('"node"'));
  assert.ok(lines.some((l) => /GET \/epaper\/broadsheet-[0-9a-f]{1,16}_bg\.wasm /.test(l)));
  assert.ok(lines.some((l) => /GET \/epaper\/data\/issues\/2016-09-24\/issue\.json /.test(l)));
  const failed = lines.filter((l) => /^ (4|5)\d\d /.test(l.split('"')[2]) && !/favicon\.ico/.test(l));
  assert.deepEqual(failed, []);
  await other.context().close();
  await page.context().close();
});
