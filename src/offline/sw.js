// Broadsheet's service worker: offline reading. scripts/write-worker.mjs writes it into the build
// as broadsheet-sw.js, with VERSION, SHELL (this build's files) and HASHED (those of them named by
// their content) above this text. Its scope is
// its own folder, the app's: a portal page elsewhere is never controlled and the reader runs as
// it would without a worker.
//
// Strategy:
// - The app shell (index.html, the loader, the hashed wasm/JS/CSS) is served cache-first from one
//   cache per build. The files of one build only work together, so a page is answered wholly from
//   one build's cache: a new build installs its complete shell beside the old one (all or
//   nothing), waits until no page runs the old one, then takes over and deletes the old cache.
// - Data (issue JSON, month indexes, archive.json, page images) is network-first with the cache
//   as fallback: a reader online always sees what the publisher serves now (archive.json grows
//   every day), and what was read once opens again offline. Every data file the worker keeps is
//   reported to the page, whose books (src/offline/store.rs) decide what to drop at the limit.
const PREFIX = 'broadsheet-';
const SCOPE = new URL(self.registration.scope).pathname;
const SHELL_CACHE = `${PREFIX}shell ${SCOPE} ${VERSION}`;
const DATA_CACHE = `${PREFIX}data ${SCOPE}`;
const shellUrls = new Set(SHELL.map((f) => new URL(f, self.registration.scope).href));
const hashedUrls = new Set(HASHED.map((f) => new URL(f, self.registration.scope).href));
const home = new URL('./', self.registration.scope).href;

/** One shell file. One named by its content is taken from the browser's cache when it is there
 * (the page has just loaded it: on a first visit over a slow link, fetching the app again would
 * hold the link for seconds, ahead of the reader's first search or article), and fetched afresh
 * when what is there is not a good answer (a 404 kept from a deploy caught half way); the page
 * and the loader, whose names stay, are always fetched afresh. */
async function shellFile(u) {
  if (hashedUrls.has(u)) {
    const kept = await fetch(new Request(u, { cache: 'force-cache' })).catch(() => null);
    if (kept?.ok) return kept;
  }
  const fresh = await fetch(new Request(u, { cache: 'reload' }));
  if (!fresh.ok) throw new TypeError(`${u}: ${fresh.status}`);
  return fresh;
}

self.addEventListener('install', (event) => {
  // All or nothing: a build whose shell did not load whole never installs.
  event.waitUntil((async () => {
    const files = await Promise.all([...shellUrls].map(async (u) => [u, await shellFile(u)]));
    const cache = await caches.open(SHELL_CACHE);
    await Promise.all(files.map(([u, response]) => cache.put(u, response)));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(`${PREFIX}shell ${SCOPE} `) && name !== SHELL_CACHE) await caches.delete(name);
    }
    // The first install takes the open page at once, so what it reads from now on is kept.
    await self.clients.claim();
  })());
});

const isData = (request, url) =>
  request.destination === 'image' || url.pathname.endsWith('.json');

/** Tells the page of a kept file, in lines: cached, url, bytes, key, done, total (blank if none). */
async function tell(clientId, { url, bytes, key, done, total }) {
  const client = clientId && await self.clients.get(clientId);
  client?.postMessage(['cached', url, bytes, key, done, total].map((v) => v ?? '').join('\n'));
}

/** Keeps a response in the data cache and tells the page its size; opaque ones have none. */
async function keep(request, response, clientId) {
  // Not an error page, nor a captive portal's or a single-page app's HTML in place of the file.
  if (!response.ok || response.type === 'opaque' || /html/.test(response.headers.get('content-type') ?? '')) return null;
  const bytes = (await response.clone().blob()).size;
  await (await caches.open(DATA_CACHE)).put(request, response);
  await tell(clientId, { url: request.url, bytes });
  return bytes;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    if (url.href.split(/[?#]/)[0] === home || url.href.split(/[?#]/)[0] === `${home}index.html`) {
      event.respondWith(caches.open(SHELL_CACHE).then((c) => c.match(home)).then((r) => r ?? fetch(request)));
    }
    return;
  }
  if (shellUrls.has(url.href)) {
    event.respondWith(caches.open(SHELL_CACHE).then((c) => c.match(request)).then((r) => r ?? fetch(request)));
    return;
  }
  if (!isData(request, url)) return;
  event.respondWith((async () => {
    try {
      const response = await fetch(request);
      event.waitUntil(keep(request, response.clone(), event.clientId).catch(() => {}));
      return response;
    } catch (offline) {
      const kept = await (await caches.open(DATA_CACHE)).match(request);
      if (kept) return kept;
      throw offline;
    }
  })());
});

// Messages from the page, lines of text: a kind, a key (blank for none), then addresses.
// - save: keep these files of the issue `key` (from the cache when kept already), telling the
//   page of each one with key, done and total (bytes blank when it failed).
// - adopt: files the page loaded before this worker took it over; kept, told like the rest.
// - forget: drop these files (an issue removed or evicted).
self.addEventListener('message', (event) => {
  if (typeof event.data !== 'string') return;
  const [kind, key, ...lines] = event.data.split('\n');
  const urls = lines.filter((u) => u && !shellUrls.has(u));
  const clientId = event.source?.id;
  if (kind === 'save' || kind === 'adopt') {
    event.waitUntil(save(urls, kind === 'save' ? key : undefined, clientId));
  } else if (kind === 'forget') {
    event.waitUntil(caches.open(DATA_CACHE).then((c) => Promise.all(urls.map((u) => c.delete(u)))));
  }
});

async function save(urls, key, clientId) {
  const cache = await caches.open(DATA_CACHE);
  let done = 0;
  const one = async (url) => {
    let bytes = null;
    try {
      const kept = await cache.match(url);
      if (kept) {
        bytes = (await kept.blob()).size;
      } else {
        // The page has just loaded what it hands over: the browser's HTTP cache has it, even stale.
        const request = new Request(url, { credentials: 'same-origin', cache: key === undefined ? 'force-cache' : 'default' });
        bytes = await keep(new Request(url), await fetch(request), null);
      }
    } catch { /* reported as failed */ }
    done += 1;
    if (key !== undefined || bytes !== null) await tell(clientId, { url, bytes, key, done, total: urls.length });
  };
  // A few at a time: quick on a good network, gentle on a phone's.
  const queue = [...urls];
  await Promise.all([1, 2, 3].map(async () => { while (queue.length) await one(queue.shift()); }));
}
