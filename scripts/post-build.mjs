// Trunk post-build hook (Trunk.toml), run with TRUNK_STAGING_DIR set: the parts of a split build,
// then the loader, then the service worker, whose shell names them all. In order: Trunk runs the
// hooks of one stage at the same time. In a release build both scripts are then minified, as the
// glue is (scripts/bin/wasm-bindgen): the loader is the first script a reader waits for.
import { readFile, writeFile } from 'node:fs/promises';
import { minify } from 'terser';
import { writeParts } from './write-parts.mjs';
import { writeLoader } from './write-loader.mjs';
import { writeWorker } from './write-worker.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('scripts/post-build.mjs runs as a Trunk hook (TRUNK_STAGING_DIR)');
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const release = process.env.TRUNK_PROFILE === 'release';
const parts = await writeParts(dir, { source, profile: process.env.TRUNK_PROFILE });
if (parts.length) console.log(`parts: ${parts.length} files`);
const loader = await writeLoader(dir);
console.log(`wrote ${loader}`);
const worker = await writeWorker(dir);
console.log(`wrote ${worker}`);
if (release) {
  // The loader is a module script; the worker a classic one, whose top-level names stay.
  for (const [file, module] of [[loader, true], [worker, false]]) {
    const text = await readFile(file, 'utf8');
    const { code } = await minify(text, { module, compress: true, mangle: true });
    await writeFile(file, code);
    console.log(`minified ${file}: ${text.length} -> ${code.length} bytes`);
  }
}
