// Broadsheet's prelude to Pagefind's worker (written by `broadsheet-kit search-index`).
// Pagefind sets up an index as a chain of requests: its entry file, then the wasm and the
// start-up (meta) file it names, and a merged index only once the wasm is in. On a slow link each
// step pays the round trip. The reader knows every one of those files from search/index.json, so
// it names them in a message {broadsheet: "preload", urls} before it asks for a setup; they are
// fetched here at once, and Pagefind's own fetch of each is answered with the response already
// on its way. Anything not named is fetched as usual; an old reader never sends the message.
(() => {
  const plain = self.fetch.bind(self);
  const early = new Map();
  const key = (input) => {
    const u = new URL(typeof input === 'string' ? input : input.url, self.location.href);
    return u.origin + u.pathname;
  };
  self.addEventListener('message', (event) => {
    const d = event.data;
    if (!d || d.broadsheet !== 'preload' || !Array.isArray(d.urls)) return;
    event.stopImmediatePropagation();
    for (const url of d.urls) {
      if (typeof url !== 'string') continue;
      const k = key(url);
      // Pagefind asks for its entry file with a fresh ?ts= so that it is never stale.
      const asked = k.endsWith('/pagefind-entry.json') ? `${k}?ts=${Date.now()}` : k;
      const got = plain(asked);
      got.catch(() => {});
      // One response per setup that names it: each instance of the engine asks for its files.
      early.set(k, [...(early.get(k) ?? []), got]);
    }
  });
  self.fetch = (input, init) => {
    const waiting = early.get(key(input));
    if (waiting?.length) {
      const got = waiting.shift();
      if (!waiting.length) early.delete(key(input));
      return got;
    }
    return plain(input, init);
  };
})();
