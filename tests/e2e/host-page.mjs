// Helpers for the rating and page-extras tests: a portal's host page around the built app,
// configured by attributes on its host element, and waiting for what a reader would see.
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST } from './harness.mjs';

/**
 * Writes a host page: dist/index.html with `attrs` added to its host element and `head` added
 * to its head. Mount it with `{ '/host.html': host.file, '/': DIST }`; other files named in
 * `files` are written beside it (mount them the same way).
 */
export async function hostPage(attrs = {}, { head = '', files = {} } = {}) {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const marker = '<div data-broadsheet data-archive="data/">';
  if (!html.includes(marker)) throw new Error('dist/index.html has no host element to configure');
  const extra = Object.entries(attrs).map(([k, v]) => ` ${k}="${String(v).replaceAll('"', '&quot;')}"`).join('');
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-host-'));
  const file = join(dir, 'host.html');
  await writeFile(file, html.replace(marker, `<div data-broadsheet data-archive="data/"${extra}>`).replace('</head>', `${head}</head>`));
  const paths = {};
  for (const [name, text] of Object.entries(files)) {
    paths[name] = join(dir, name);
    await writeFile(paths[name], text);
  }
  return { file, paths, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Waits until `read()` returns something that matches `pattern`; returns it. */
export async function until(read, pattern, what = String(pattern), timeout = 15000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read().catch((e) => `(${e.message})`);
    if (pattern.test(last)) return last;
    if (Date.now() > end) throw new Error(`waited ${timeout} ms for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
