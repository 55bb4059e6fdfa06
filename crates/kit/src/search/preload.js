// Broadsheet's prelude to Pagefind's worker (written by `broadsheet-kit search-index`).
// Pagefind sets up an index as a chain of requests: its entry file, then the wasm and the
// start-up (meta) file it names, and a merged index only once the wasm is in. On a slow link each
// step pays the round trip. The reader knows every one of those files from search/index.json, so
// it names them in a message {broadsheet: "preload", urls} before it asks for a setup; they are
// fetched here at once, and Pagefind's own fetch of each is answered with the response already
// on its way. Anything not named is fetched as usual; an old reader never sends the message.
// Sooner still, a search may start with the files archive.json names for a first search, which
// the page fetches itself while this script is on its way and then hands over (below).
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
  // Pagefind asks for its entry file with a fresh ?ts= so that it is never stale.
  const fresh = (k) => (k.endsWith('/pagefind-entry.json') ? `${k}?ts=${Date.now()}` : k);
  // The answer of a file named to Pagefind's fetch: the engine's own kept for every setup, a
  // shard's one per setup that names it.
  const hold = (k, got) => {
    got.catch(() => {});
    if (keep(k)) answer(k, got).catch(() => {});
    else early.set(k, [...(early.get(k) ?? []), got]);
  };
  // Files the page fetches itself, as soon as a search starts, before this script has even
  // arrived ({broadsheet: "coming", urls}, then {broadsheet: "given", url, body} for each, with
  // no body when it could not): Pagefind's fetch of one waits for its body, or fetches it here.
  const coming = new Map();
  self.addEventListener('message', (event) => {
    const d = event.data;
    if (d?.broadsheet === 'slim') {
      event.stopImmediatePropagation();
      slim = true;
      return;
    }
    if (d?.broadsheet === 'coming' && Array.isArray(d.urls)) {
      event.stopImmediatePropagation();
      for (const url of d.urls) {
        if (typeof url !== 'string') continue;
        const k = key(url);
        if (kept.has(k) || coming.has(k)) continue;
        const body = new Promise((settle) => coming.set(k, settle));
        hold(k, body.then((b) => (b instanceof ArrayBuffer ? new Response(b) : plain(fresh(k)))));
      }
      return;
    }
    if (d?.broadsheet === 'given' && typeof d.url === 'string') {
      event.stopImmediatePropagation();
      const k = key(d.url);
      coming.get(k)?.(d.body);
      coming.delete(k);
      return;
    }
    if (!d || d.broadsheet !== 'preload' || !Array.isArray(d.urls)) return;
    event.stopImmediatePropagation();
    for (const url of d.urls) {
      if (typeof url !== 'string') continue;
      const k = key(url);
      if (kept.has(k)) continue;
      // The engine's own files are kept from the first time they are named, so that a second
      // setup named before the first has read them is served the same response; a shard's are
      // one response per setup that names it: each instance of the engine asks for its files.
      hold(k, plain(fresh(k)));
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
