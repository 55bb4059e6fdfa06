// Broadsheet's prelude to Pagefind's worker (written by `broadsheet-kit search-index`).
// Pagefind sets up an index as a chain of requests: its entry file, then the wasm and the
// start-up (meta) file it names, and a merged index only once the wasm is in. On a slow link each
// step pays the round trip. The reader knows every one of those files from search/index.json, so
// it names them in a message {broadsheet: "preload", urls} before it asks for a setup; they are
// fetched here at once, and Pagefind's own fetch of each is answered with the response already
// on its way. Anything not named is fetched as usual; an old reader never sends the message.
// An error Pagefind leaves unhandled is sent to the reader as {broadsheet: "failed", message}.
// A search's answer is slimmed for a reader that asks for it (below).
// Each shard is an instance of its own, which fetches the engine's wasm and start-up file again:
// the engine's files (this worker's folder) are kept from the first time they are named or
// fetched and served again, except the entry file, which Pagefind wants fresh.
(() => {
  const plain = self.fetch.bind(self);
  const early = new Map();
  const kept = new Map();
  const engine = new URL('./', self.location.href).href;
  const key = (input) => {
    const u = new URL(typeof input === 'string' ? input : input.url, self.location.href);
    return u.origin + u.pathname;
  };
  const keep = (k) => k.startsWith(engine) && !k.slice(engine.length).includes('/') && !k.endsWith('/pagefind-entry.json');
  const answer = (k, got) => {
    if (!keep(k)) return got;
    // A response's body is read once: every fetch gets a copy; a failure is not kept.
    const held = got.then((r) => (r.ok ? r : Promise.reject(new Error(`${r.status} fetching ${k}`))));
    held.catch(() => kept.get(k) === held && kept.delete(k));
    kept.set(k, held);
    return held.then((r) => r.clone());
  };
  // Pagefind starts an instance without waiting for it, so an engine that cannot start (a
  // corrupt wasm) left every call waiting for ever: the reader is told instead.
  self.addEventListener('unhandledrejection', (event) => {
    self.postMessage({ broadsheet: 'failed', message: String(event.reason?.message ?? event.reason) });
  });
  // A search's answer goes to a reader that asks for it ({broadsheet: "slim"}) with only what it
  // reads of each result: the data handles joined by new lines and the scores in one array.
  // Taking in a year's 18,000 result objects with their word positions held the reader's tab for
  // 120-150 ms a shard on a phone profile; two values cost next to nothing.
  let slim = false;
  const post = self.postMessage.bind(self);
  self.postMessage = (message, ...more) => {
    const r = message?.result;
    const list = r?.results;
    if (slim && Array.isArray(list) && list.every((x) => typeof x?.data === 'string' && !x.data.includes('\n') && typeof x.score === 'number')) {
      const { results, ...rest } = r;
      const broadsheet = { data: results.map((x) => x.data).join('\n'), score: Float64Array.from(results, (x) => x.score) };
      message = { ...message, result: { ...rest, broadsheet } };
    }
    return post(message, ...more);
  };
  self.addEventListener('message', (event) => {
    const d = event.data;
    if (d?.broadsheet === 'slim') {
      event.stopImmediatePropagation();
      slim = true;
      return;
    }
    if (!d || d.broadsheet !== 'preload' || !Array.isArray(d.urls)) return;
    event.stopImmediatePropagation();
    for (const url of d.urls) {
      if (typeof url !== 'string') continue;
      const k = key(url);
      if (kept.has(k)) continue;
      // Pagefind asks for its entry file with a fresh ?ts= so that it is never stale.
      const asked = k.endsWith('/pagefind-entry.json') ? `${k}?ts=${Date.now()}` : k;
      const got = plain(asked);
      got.catch(() => {});
      // The engine's own files are kept from the first time they are named, so that a second
      // setup named before the first has read them is served the same response.
      if (keep(k)) {
        answer(k, got).catch(() => {});
        continue;
      }
      // One response per setup that names it: each instance of the engine asks for its files.
      early.set(k, [...(early.get(k) ?? []), got]);
    }
  });
  self.fetch = (input, init) => {
    const k = key(input);
    const held = kept.get(k);
    if (held) return held.then((r) => r.clone());
    const waiting = early.get(k);
    if (waiting?.length) {
      const got = waiting.shift();
      if (!waiting.length) early.delete(k);
      return answer(k, got);
    }
    return answer(k, plain(input, init));
  };
})();
