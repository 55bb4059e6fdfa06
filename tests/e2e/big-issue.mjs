// A large issue made from the demo's, for search at scale (the search bench and its e2e test):
// the demo issue's pages repeated to `pages` pages, each article's text repeated `repeat` times
// (some 7,000 characters a page at 10, as a full broadsheet page holds), ids made unique.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT, serve } from './harness.mjs';

export const BIG_DATE = '2016-09-24';

/** Writes a copy of the demo archive whose issue of BIG_DATE has `pages` pages; returns its
 *  folder, the issue's characters and its articles. */
async function bigArchive(pages, repeat) {
  const dir = await mkdtemp(join(tmpdir(), 'bs-big-issue-'));
  await cp(join(ROOT, 'demo/data'), dir, { recursive: true });
  const file = join(dir, 'issues', BIG_DATE, 'issue.json');
  const issue = JSON.parse(await readFile(file, 'utf8'));
  const originals = issue.pages;
  issue.pages = [];
  let chars = 0;
  for (let n = 0; n < pages; n++) {
    const copy = Math.floor(n / originals.length);
    const p = structuredClone(originals[n % originals.length]);
    p.id = `${p.id}-${copy}`;
    p.number = String(n + 1).padStart(3, '0');
    for (const a of p.articles) {
      a.id = `${a.id}-${copy}`;
      const body = a.body ?? [];
      a.body = Array.from({ length: repeat }, () => structuredClone(body)).flat();
      for (const r of a.regions) if (r.page) r.page = `${r.page}-${copy}`;
      chars += [a.title, a.subtitle, a.byline, ...a.body.map((b) => b.text ?? b.caption)].filter(Boolean).join('').length;
    }
    issue.pages.push(p);
  }
  delete issue.ranking;
  await writeFile(file, JSON.stringify(issue));
  return { dir, chars, articles: issue.pages.reduce((n, p) => n + p.articles.length, 0) };
}

/** Serves the reader on such an archive over loopback: its `url`, the issue's `chars` and
 *  `articles`, and `close()`, which stops the server and removes the archive. */
export async function serveBigIssue(pages = 100, repeat = 10) {
  const { dir, chars, articles } = await bigArchive(pages, repeat);
  const server = await serve({ '/data/': dir, '/': DIST });
  return {
    url: server.url, chars, articles,
    close: async () => { await server.close(); await rm(dir, { recursive: true, force: true }); },
  };
}

/** Waits until search's code, a part of its own (src/search/t2s.rs) fetched once the page image
 *  is in, has come: a reader types after it has. */
export async function searchCodeIn(page) {
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => e.name.endsWith('/split_t2s_part.wasm') && e.responseEnd > 0), null, { timeout: 60_000 });
}
