// Bytes of the app and of the peer viewers, measured the same way: raw, gzip -9 and brotli -q 11.
// The peers' files come from their published npm packages, which `make peers` unpacks (pinned,
// without their dependency trees) into PEERS; a file's sizes are kept beside it once computed,
// since brotli at quality 11 takes seconds on Mirador's 2 MB bundle.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { ROOT } from '../e2e/harness.mjs';

export const PEERS = process.env.BROADSHEET_PEERS ?? join(ROOT, 'target/bench-peers');

/** What each peer ships to a browser: its package's folder name and files in it. */
const VIEWERS = [
  { name: 'OpenSeadragon minified core', pkg: 'openseadragon', files: ['build/openseadragon/openseadragon.min.js'] },
  { name: 'Mirador bundle', pkg: 'mirador', files: ['dist/mirador.min.js'] },
  { name: 'pdf.js bundle', pkg: 'pdfjs-dist', files: ['build/pdf.min.mjs'] },
  { name: 'pdf.js worker', pkg: 'pdfjs-dist', files: ['build/pdf.worker.min.mjs'] },
];

export function sizes(body) {
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export const kb = (n) => (n / 1024).toFixed(1);
export const triple = (s) => `${kb(s.raw)} / ${kb(s.gzip)} / ${kb(s.brotli)}`;

async function cachedSizes(file) {
  const cache = `${file}.sizes.json`;
  try {
    return JSON.parse(await readFile(cache, 'utf8'));
  } catch {
    const s = sizes(await readFile(file));
    await writeFile(cache, JSON.stringify(s));
    return s;
  }
}

/** Each peer viewer with its version and summed sizes; `missing` when `make peers` has not run. */
export async function peerSizes() {
  let folders = [];
  try {
    folders = await readdir(PEERS);
  } catch {}
  const out = [];
  for (const v of VIEWERS) {
    // Folders are named `<package>-<version>` by `make peers`.
    const folder = folders.find((f) => f.startsWith(`${v.pkg}-`) && /^\d/.test(f.slice(v.pkg.length + 1)));
    if (!folder) {
      out.push({ ...v, missing: true });
      continue;
    }
    const total = { raw: 0, gzip: 0, brotli: 0 };
    for (const f of v.files) {
      const s = await cachedSizes(join(PEERS, folder, f));
      for (const k of Object.keys(total)) total[k] += s[k];
    }
    out.push({ ...v, version: folder.slice(v.pkg.length + 1), sizes: total });
  }
  return out;
}
