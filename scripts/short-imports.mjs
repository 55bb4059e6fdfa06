// Short names for the functions the wasm imports from its JavaScript glue. wasm-bindgen names
// each import after its Rust binding with a hash (`__wbg_set_textContent_0177b2a6d9293c2c`), and
// the name is written twice, in the wasm's import section and as a key of the glue's import
// object: some 330 of them, 18 KB in the wasm alone, and the hashes do not compress. Nothing else
// reads those names, so the release build (scripts/bin/wasm-bindgen) renames them in both files
// to `a`, `b`, ... `aa`, ...; the glue finds each name as a key once, or the build stops.

/** Unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function uleb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

const utf8 = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: true });

/** The n-th short name: a..z, A..Z, then two letters and on. Letters only, so never `__proto__`
 *  or anything else an object literal's key would read differently. */
export function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  n += 1;
  while (n > 0) {
    n -= 1;
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length);
  }
  return name;
}

/** Skips an import's description (after its kind byte) and returns the offset after it. */
function skipDescription(bytes, kind, at) {
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = leb(bytes, p);
    if (flags & 1) [, p] = leb(bytes, p);
    return p;
  };
  switch (kind) {
    case 0: return leb(bytes, at)[1]; // function: its type
    case 1: return limits(at + 1); // table: element type, limits
    case 2: return limits(at); // memory
    case 3: return at + 2; // global: value type, mutability
    case 4: return leb(bytes, at + 1)[1]; // tag: attribute, type
    default: throw new Error(`short-imports: import of unknown kind ${kind}`);
  }
}

/**
 * Renames the imports of `module` (the glue's module name) in `wasm` (bytes) and in `js` (the
 * glue's text). Returns `{ wasm, js, renamed }`, `renamed` being a Map of old name to new.
 */
export function shortenImports(wasm, js, module) {
  if (wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) throw new Error('short-imports: not a wasm module');
  const renamed = new Map();
  const out = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    const end = body + size;
    if (id !== 2) {
      out.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = leb(wasm, body);
    const entries = [uleb(count)];
    for (let i = 0; i < count; i++) {
      const start = p;
      let moduleLength, fieldLength;
      [moduleLength, p] = leb(wasm, p);
      const name = text.decode(wasm.subarray(p, p + moduleLength));
      p += moduleLength;
      [fieldLength, p] = leb(wasm, p);
      const field = text.decode(wasm.subarray(p, p + fieldLength));
      p += fieldLength;
      const kind = wasm[p];
      const after = skipDescription(wasm, kind, p + 1);
      if (name === module && kind === 0) {
        if (renamed.has(field)) throw new Error(`short-imports: ${field} imported twice`);
        const short = shortName(renamed.size);
        renamed.set(field, short);
        const m = utf8.encode(name), f = utf8.encode(short);
        entries.push(uleb(m.length), m, uleb(f.length), f, wasm.subarray(p, after));
      } else {
        entries.push(wasm.subarray(start, after));
      }
      p = after;
    }
    if (p !== end) throw new Error('short-imports: the import section does not end where its size says');
    const section = Buffer.concat(entries.map((e) => Buffer.from(e)));
    out.push(Buffer.from([2, ...uleb(section.length)]), section);
    at = end;
  }
  // Each name as a key of the import object (`name: function(` or `name: (`), once.
  let glue = js;
  for (const [old, short] of renamed) {
    const key = new RegExp(`(^|[\\s,{])${old.replace(/[$]/g, '\\$')}(?=\\s*:)`, 'gm');
    const found = glue.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`short-imports: the glue has ${found} keys ${old}, not one`);
    if (glue.split(old).length !== 2) throw new Error(`short-imports: the glue names ${old} outside its key`);
    glue = glue.replace(key, `$1${short}`);
  }
  return { wasm: Buffer.concat(out), js: glue, renamed };
}
