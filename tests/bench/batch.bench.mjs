// `import batch` at scale, on this machine's cores, through the release kit:
// - 1,000 real NDNP pages: the Evening Star page of ../shared/data/02 (its ALTO and its Library
//   of Congress page PDF, hard-linked) in 125 issues of 8 pages on consecutive days, laid out as
//   an NDNP batch with batch.xml and issue METS; the page images are the JPEGs the PDFs embed
//   (NDNP batches ship JPEG 2000 and PDF only). Then the same batch again, unchanged.
// - JPEG 2000 at NDNP size: 8 pages of 5299x6593 grey JP2 (the Evening Star's service image
//   size), encoded by opj_compress with the NDNP profile's settings from a synthetic page (the
//   real JP2 is not in the shared data), decoded at full resolution by the kit.
// Peak memory is the kit's own (VmHWM), printed in its summary; bytes per page are the
// archive's bytes over its pages.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../e2e/harness.mjs';

// The shared data beside the clone (as CI lays it), or where SHARED_DATA says.
const S02 = join(process.env.SHARED_DATA ?? join(ROOT, '../shared/data'), '02-evening-star-1916-08-26-p1');
const LCCN = 'sn83045462';

/// An NDNP issue METS of `pages` pages, each with its service JP2, page PDF and ALTO.
function mets(day, pages) {
  const dmd = [`<dmdSec ID="issueModsBib"><mdWrap MDTYPE="MODS"><xmlData><mods:mods><mods:relatedItem type="host"><mods:identifier type="lccn">${LCCN}</mods:identifier></mods:relatedItem><mods:originInfo><mods:dateIssued encoding="iso8601">${day}</mods:dateIssued></mods:originInfo></mods:mods></xmlData></mdWrap></dmdSec>`];
  const files = [];
  const divs = [];
  for (let p = 1; p <= pages; p++) {
    const n = String(p).padStart(4, '0');
    dmd.push(`<dmdSec ID="pageModsBib${p}"><mdWrap MDTYPE="MODS"><xmlData><mods:mods><mods:part><mods:extent unit="pages"><mods:start>${p}</mods:start></mods:extent></mods:part></mods:mods></xmlData></mdWrap></dmdSec>`);
    files.push(`<fileGrp ID="pageFileGrp${p}"><file ID="serviceFile${p}" USE="service"><FLocat xlink:href="./${n}.jp2"/></file><file ID="otherDerivativeFile${p}" USE="derivative"><FLocat xlink:href="./${n}.pdf"/></file><file ID="ocrFile${p}" USE="ocr"><FLocat xlink:href="./${n}.xml"/></file></fileGrp>`);
    divs.push(`<div TYPE="np:page" DMDID="pageModsBib${p}"><fptr FILEID="serviceFile${p}"/><fptr FILEID="otherDerivativeFile${p}"/><fptr FILEID="ocrFile${p}"/></div>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<mets TYPE="urn:library-of-congress:ndnp:mets:newspaper:issue" PROFILE="urn:library-of-congress:mets:profiles:ndnp:issue:v1.5" LABEL="Evening star (Washington, D.C.), ${day}" xmlns="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink">
${dmd.join('\n')}
<fileSec>${files.join('\n')}</fileSec>
<structMap xmlns:np="urn:library-of-congress:ndnp:mets:newspaper"><div TYPE="np:issue" DMDID="issueModsBib">${divs.join('\n')}</div></structMap>
</mets>
`;
}

/// Writes an NDNP batch of `issues` x `pages` into `dir`, every page hard links to `page`'s files
/// (`{ xml, pdf, jp2 }`, each optional but xml).
function makeBatch(dir, issues, pages, page) {
  const entries = [];
  for (let i = 0; i < issues; i++) {
    const day = new Date(Date.UTC(1916, 0, 1 + i)).toISOString().slice(0, 10);
    const rel = `${LCCN}/0000000001/${day.replaceAll('-', '')}01`;
    mkdirSync(join(dir, rel), { recursive: true });
    writeFileSync(join(dir, rel, `${day.replaceAll('-', '')}01.xml`), mets(day, pages));
    for (let p = 1; p <= pages; p++) {
      const n = String(p).padStart(4, '0');
      for (const [ext, file] of Object.entries(page)) if (file) linkSync(file, join(dir, rel, `${n}.${ext}`));
    }
    entries.push(`<issue lccn="${LCCN}" issueDate="${day}" editionOrder="01">./${rel}/${day.replaceAll('-', '')}01.xml</issue>`);
  }
  writeFileSync(join(dir, 'batch.xml'), `<?xml version="1.0" encoding="UTF-8"?>\n<batch xmlns="http://www.loc.gov/ndnp" name="batch_bench">\n${entries.join('\n')}\n</batch>\n`);
}

function bytesUnder(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? bytesUnder(p) : statSync(p).size;
  }
  return total;
}

/// Runs `import batch`; returns its figures from the summary it prints.
function importBatch(kit, batch, archive, more = []) {
  const run = spawnSync(kit, ['import', 'batch', batch, '--archive', archive, '--paper', 'Evening Star', '--language', 'en', ...more], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`import batch failed: ${run.stdout}\n${run.stderr}`);
  const listed = run.stdout.match(/(\d+) imported \((\d+) pages\), (\d+) unchanged \((\d+) pages\)/);
  const time = run.stdout.match(/time ([\d.]+) s, ([\d.]+) pages per second, peak memory (\d+) MB/);
  if (!listed || !time) throw new Error(`no summary in: ${run.stdout}`);
  return { imported: +listed[2], unchanged: +listed[4], seconds: +time[1], rate: +time[2], peakMB: +time[3] };
}

/// A grey newspaper-like page of w x h as PGM: eight columns of text lines, with scan grain.
function syntheticPage(w, h) {
  const header = Buffer.from(`P5\n${w} ${h}\n255\n`);
  const px = Buffer.alloc(w * h);
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const col = Math.floor(w / 8);
  for (let y = 0; y < h; y++) {
    const lineY = y % 48;
    const inText = lineY > 10 && lineY < 38 && y > 600;
    for (let x = 0; x < w; x++) {
      const inCol = x % col > 30 && x % col < col - 30;
      // Words: runs of ink of varying length between spaces, a different rhythm per line.
      const word = Math.floor((x + (y / 48 | 0) * 37) / 70) % 7 !== 0 && (x + (y / 48 | 0) * 13) % 70 > 8;
      const ink = (inText && inCol && word) || (y < 500 && y > 150 && Math.abs(((x / 9) | 0) % 3 - 1) < 1 && x > 300 && x < w - 300);
      px[y * w + x] = Math.max(0, Math.min(255, (ink ? 45 : 232) + Math.floor((rnd() - 0.5) * 12)));
    }
  }
  return Buffer.concat([header, px]);
}

function hasOpj() {
  return spawnSync('opj_compress', ['-h'], { encoding: 'utf8' }).status !== null;
}

export default async function () {
  if (!existsSync(join(S02, '0007.pdf'))) return [{ figure: 'import batch', value: 'skipped: ../shared/data not present', unit: '' }];
  execFileSync('cargo', ['build', '--release', '--quiet', '-p', 'broadsheet-kit'], { cwd: ROOT, stdio: 'inherit' });
  const kit = join(ROOT, 'target/release/broadsheet-kit');
  const rows = [];
  const work = mkdtempSync(join(tmpdir(), 'broadsheet-batch-'));
  try {
    const batch = join(work, 'batch');
    makeBatch(batch, 125, 8, { xml: join(S02, '0007.xml'), pdf: join(S02, '0007.pdf') });
    const archive = join(work, 'archive');
    const first = importBatch(kit, batch, archive);
    const bytes = bytesUnder(archive);
    rows.push({ figure: 'import batch, 1,000 NDNP pages (Evening Star ALTO + page PDF), all cores', value: first.rate.toFixed(1), unit: 'pages/s', target: '> 2' });
    rows.push({ figure: '  the same, wall time', value: first.seconds.toFixed(0), unit: 's' });
    rows.push({ figure: '  the same, peak memory', value: first.peakMB, unit: 'MB', target: '< 1000' });
    rows.push({ figure: '  the same, archive bytes per page', value: Math.round(bytes / first.imported), unit: 'bytes' });
    const again = importBatch(kit, batch, archive);
    if (again.unchanged !== 1000) throw new Error(`a re-run found ${again.unchanged} of 1000 pages unchanged`);
    rows.push({ figure: '  re-run on the unchanged batch (nothing written)', value: again.seconds.toFixed(1), unit: 's' });
    rmSync(archive, { recursive: true, force: true });
    rmSync(batch, { recursive: true, force: true });

    if (!hasOpj()) {
      rows.push({ figure: 'import batch, JPEG 2000 pages', value: 'skipped: opj_compress (libopenjp2-tools) not installed', unit: '' });
      return rows;
    }
    const pgm = join(work, 'page.pgm');
    writeFileSync(pgm, syntheticPage(5299, 6593));
    const jp2 = join(work, 'page.jp2');
    const bpp = [1, 0.84, 0.7, 0.6, 0.5, 0.4, 0.35, 0.3, 0.25, 0.21, 0.18, 0.15, 0.125, 0.1, 0.088, 0.07, 0.0625, 0.05, 0.04419, 0.03716, 0.03125, 0.025, 0.0221, 0.01858, 0.015625];
    const rates = bpp.sort((a, b) => a - b).map((b) => (8 / b).toFixed(3)).join(',');
    execFileSync('opj_compress', ['-i', pgm, '-o', jp2, '-I', '-n', '7', '-p', 'RLCP', '-b', '64,64', '-M', '1', '-t', '1024,1024', '-r', rates], { stdio: 'ignore' });
    const jbatch = join(work, 'jp2batch');
    makeBatch(jbatch, 4, 2, { xml: join(S02, '0007.xml'), pdf: join(S02, '0007.pdf'), jp2 });
    const jarchive = join(work, 'jp2archive');
    const j = importBatch(kit, jbatch, jarchive);
    rows.push({ figure: `import batch, 8 pages of 5299x6593 JPEG 2000 (${(statSync(jp2).size / 1e6).toFixed(1)} MB each, NDNP profile), full resolution`, value: j.rate.toFixed(2), unit: 'pages/s' });
    rows.push({ figure: '  the same, peak memory', value: j.peakMB, unit: 'MB', target: '< 1000' });
    rows.push({ figure: '  the same, archive bytes per page', value: Math.round(bytesUnder(jarchive) / j.imported), unit: 'bytes' });
    rmSync(jarchive, { recursive: true, force: true });
    const p = importBatch(kit, jbatch, jarchive, ['--images', 'pdf']);
    rows.push({ figure: '  the same with --images pdf (the JPEG in each page PDF)', value: p.rate.toFixed(1), unit: 'pages/s' });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
