// Trunk post-build step (scripts/post-build.mjs): puts the parts of a split build in place. The
// release build splits the wasm at its split points (src/part.rs) in scripts/bin/wasm-bindgen,
// which leaves the parts in a folder named by the wasm's hash beside Trunk's wasm-bindgen output.
// This copies that folder into the build, shrinks each part with wasm-opt as Trunk does the main
// module (the same settings, read from index.html), tells parts.js the app's hashed file name, and
// has it check each part against its Subresource Integrity hash, as the loader does the app's
// files (the loader checks parts.js itself: write-loader.mjs); in a release build, minifies it.
// A build without split points (a debug build) has no parts, and this does nothing.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { minify } from 'terser';
import { assets } from './write-loader.mjs';

// crates/split/src/main.rs: where parts.js imports the app's JavaScript from until this runs.
const MAIN_PLACEHOLDER = '../broadsheet-main-placeholder.js';

/** The parts folder the built app imports, if it has one: `broadsheet-parts-<hash>`. */
export async function partsFolder(dir) {
  return (await builtParts(dir)).folder;
}

/** The app's hashed JavaScript (from the built index.html) and the parts folder it imports. */
async function builtParts(dir) {
  const { js } = assets(await readFile(join(dir, 'index.html'), 'utf8'));
  return { js, folder: (await readFile(join(dir, js.href), 'utf8')).match(/broadsheet-parts-[0-9a-f]{16}/)?.[0] };
}

/** The files of the parts folder, as paths from the build's root. */
export async function partFiles(dir) {
  const folder = await partsFolder(dir);
  return folder ? listed(dir, folder) : [];
}

async function listed(dir, folder) {
  return (await readdir(join(dir, folder))).sort().map((f) => `${folder}/${f}`);
}

/** wasm-opt's settings for the app, as index.html gives them to Trunk. */
async function optSettings(source) {
  const html = await readFile(join(source, 'index.html'), 'utf8');
  const tag = html.match(/<link\b[^>]*rel="rust"[^>]*>/s)?.[0] ?? '';
  const level = tag.match(/data-wasm-opt="([^"]*)"/)?.[1] ?? 'z';
  const params = tag.match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? '';
  return [`-O${level}`, ...params.split(/\s+/).filter(Boolean)];
}

export async function writeParts(dir, { source = process.cwd(), targetDir, profile = 'release' } = {}) {
  const { js, folder } = await builtParts(dir);
  if (!folder) return [];
  const from = join(resolve(source, targetDir ?? process.env.CARGO_TARGET_DIR ?? 'target'), 'wasm-bindgen', profile, folder);
  await cp(from, join(dir, folder), { recursive: true });
  const opt = await optSettings(source);
  const names = (await readdir(join(dir, folder))).filter((f) => f.endsWith('.wasm'));
  // Two at a time: the build machine has two cores.
  for (let i = 0; i < names.length; i += 2) {
    await Promise.all(names.slice(i, i + 2).map((f) => join(dir, folder, f)).map((f) => promisify(execFile)('wasm-opt', [...opt, f, '-o', f])));
  }
  const hashes = Object.fromEntries(await Promise.all(names.map(async (f) => [f, await integrity(join(dir, folder, f))])));
  const link = join(dir, folder, 'parts.js');
  const text = await readFile(link, 'utf8');
  if (!text.includes(MAIN_PLACEHOLDER)) throw new Error(`${link} does not import ${MAIN_PLACEHOLDER}`);
  let checked = 0;
  const fixed = text.replaceAll(MAIN_PLACEHOLDER, `../${js.href}`).replaceAll(/fetch\(new URL\("\.\/([a-z0-9_]+\.wasm)", import\.meta\.url\)\)/g, (all, name) => {
    if (!hashes[name]) throw new Error(`${link} fetches ${name}, which the split did not write`);
    checked += 1;
    return `fetch(new URL("./${name}", import.meta.url), { integrity: "${hashes[name]}" })`;
  });
  // Every part parts.js fetches is checked (a splitter that fetched them another way would
  // leave none checked: fail the build rather than lose the check).
  if (!checked) throw new Error(`${link}: no part fetch found to check; has the splitter changed?`);
  // Minified in a release build, as the glue is: the app's JavaScript imports it before it starts.
  await writeFile(link, profile === 'release' ? (await minify(fixed, { module: true, compress: true, mangle: true })).code : fixed);
  return listed(dir, folder);
}

/** A file's Subresource Integrity hash, as Trunk writes them (SHA-384). */
export async function integrity(file) {
  return `sha384-${createHash('sha384').update(await readFile(file)).digest('base64')}`;
}
