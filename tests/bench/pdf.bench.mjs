// PDF editions in (issue 21): `broadsheet-kit import pdf` on the Library of Congress page PDF of
// the Evening Star (shared data 02: scan with an invisible OCR text layer), its words judged
// against the ALTO beside it (share of the ALTO's words found with the same text at the same
// place), and on the demo's page PDFs (demo/pdf, printed by Chromium from the demo's pages),
// judged against the demo's own issue: titles and body text exactly equal, region IoU.
// Pages per second: the whole import (render or take out the page image, read the text,
// zone the articles, write the issue), release build, the kit's process timed from outside,
// best of three.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../e2e/harness.mjs';

// The shared data beside the clone (as CI lays it), or where SHARED_DATA says (or beside the
// worktrees' folder).
const LOC = [process.env.SHARED_DATA, join(ROOT, '../shared/data'), join(ROOT, '../../shared/data')]
  .filter(Boolean)
  .map((d) => join(d, '02-evening-star-1916-08-26-p1'))
  .find((d) => existsSync(join(d, '0007.pdf'))) ?? join(ROOT, '../shared/data/02-evening-star-1916-08-26-p1');
const DEMO_DATE = '2016-09-24';

/** Imports `input` into a fresh folder; the issue, the folder and the kit's pages per second. */
function importPdf(kit, input, args) {
  const out = join(mkdtempSync(join(tmpdir(), 'pdf-bench-')), 'issue');
  const t0 = performance.now();
  const run = spawnSync(kit, ['import', 'pdf', input, '--out', out, ...args], { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`import pdf failed: ${run.stderr}`);
  const m = /imported (\d+) pages? in ([\d.]+) s/.exec(run.stderr);
  const issue = JSON.parse(readFileSync(join(out, 'issue.json'), 'utf8'));
  return { issue, out, rate: m ? Number(m[1]) / seconds : NaN };
}

const unescape = (s) =>
  s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
// The ALTO writes what it cannot encode as '?'; its hyphens are elements of their own.
const norm = (t) => [...t].map((c) => (c.charCodeAt(0) < 128 ? c : '?')).join('').replace(/-+$/, '');

/** Share of the ALTO's words that the words file has, same text, centre inside the ALTO box. */
export function wordAccuracy(altoText, words) {
  const page = /<Page [^>]*>/.exec(altoText)[0];
  const attr = (tag, k) => Number(new RegExp(`\\b${k}="([\\d.]+)"`).exec(tag)[1]);
  const sx = words.width / attr(page, 'WIDTH');
  const sy = words.height / attr(page, 'HEIGHT');
  const ours = new Map();
  for (const l of words.lines) {
    for (const [t, x, y, w, h] of l.words) {
      const k = norm(t);
      if (!ours.has(k)) ours.set(k, []);
      ours.get(k).push([x + w / 2, y + h / 2]);
    }
  }
  let total = 0;
  let found = 0;
  for (const m of altoText.matchAll(/<String ([^>]*?)\/?>/g)) {
    const c = /CONTENT="([^"]*)"/.exec(m[1]);
    if (!c) continue;
    total++;
    const [x, y, w, h] = ['HPOS', 'VPOS', 'WIDTH', 'HEIGHT'].map((k) => attr(m[1], k));
    const [x0, y0, x1, y1] = [x * sx, y * sy, (x + w) * sx, (y + h) * sy];
    const hit = (ours.get(norm(unescape(c[1]))) ?? []).some(([cx, cy]) => cx >= x0 && cx <= x1 && cy >= y0 - 2 && cy <= y1 + 2);
    if (hit) found++;
  }
  return { total, found, accuracy: found / total, ours: words.lines.reduce((n, l) => n + l.words.length, 0) };
}

/** Pixels of a polygon on a 1 px grid (centres inside, even-odd). */
function raster(points, w, h) {
  const on = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const cy = y + 0.5;
    const xs = [];
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      if (yi > cy !== yj > cy) xs.push(((xj - xi) * (cy - yi)) / (yj - yi) + xi);
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      for (let x = Math.max(0, Math.ceil(xs[k] - 0.5)); x < Math.min(w, xs[k + 1] - 0.5); x++) on[y * w + x] = 1;
    }
  }
  return on;
}

export function iou(a, b, w, h) {
  const [ra, rb] = [raster(a, w, h), raster(b, w, h)];
  let i = 0;
  let u = 0;
  for (let k = 0; k < ra.length; k++) {
    i += ra[k] & rb[k];
    u += ra[k] | rb[k];
  }
  return u ? i / u : 0;
}

const bodyText = (a) => a.body.filter((b) => b.type === 'paragraph' || b.type === 'heading').map((b) => b.text).join('\n');

/** The demo's articles (their region on their own page) against the imported ones: each
 *  matched to the imported article whose region overlaps it most. */
export function demoFigures(demo, got) {
  let n = 0;
  let jumps = 0;
  let jumped = 0;
  let titles = 0;
  let bodies = 0;
  let kinds = 0;
  const ious = [];
  demo.pages.forEach((dp, k) => {
    const gp = got.pages[k];
    const { width: w, height: h } = dp.image;
    // The imported page may be rendered at another size: regions scaled to the demo's.
    const s = w / gp.image.width;
    for (const a of dp.articles) {
      const region = a.regions.find((r) => !r.page);
      if (!region) continue;
      n++;
      let best = null;
      let bestIou = 0;
      for (const g of gp.articles) {
        for (const r of g.regions.filter((r) => !r.page)) {
          const v = iou(region.points, r.points.map(([x, y]) => [x * s, y * s]), w, h);
          if (v > bestIou) [best, bestIou] = [g, v];
        }
      }
      ious.push(bestIou);
      // Its regions on other pages (a story continued), on the article of its title.
      const same = gp.articles.find((g) => g.title === a.title);
      for (const r of a.regions.filter((r) => r.page)) {
        jumps++;
        const on = same?.regions.filter((q) => q.page === r.page) ?? [];
        if (on.some((q) => iou(r.points, q.points.map(([x, y]) => [x * s, y * s]), w, h) >= 0.95)) jumped++;
      }
      if (best && best.title === a.title) titles++;
      if (best && bodyText(best) === bodyText(a)) bodies++;
      if (best && (best.kind ?? 'article') === (a.kind ?? 'article')) kinds++;
    }
  });
  const sorted = [...ious].sort((p, q) => p - q);
  return { n, jumps, jumped, titles, bodies, kinds, meanIou: ious.reduce((p, q) => p + q, 0) / n, minIou: sorted[0], got: got.pages.reduce((p, q) => p + q.articles.length, 0) };
}

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Seconds of the best of three runs of `run`. */
function best(run) {
  const times = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    run();
    times.push((performance.now() - t0) / 1000);
  }
  return Math.min(...times);
}

/** Share of the demo's body paragraphs found whole in each page's text (spaces and line breaks
 *  taken out): how well an engine's text keeps Chinese as typeset. */
function verbatim(demo, pageText) {
  const strip = (s) => s.replace(/\s+/g, '');
  let n = 0;
  let found = 0;
  demo.pages.forEach((p, k) => {
    const text = strip(pageText(k));
    for (const b of p.articles.flatMap((a) => a.body).filter((b) => b.text)) {
      n++;
      if (text.includes(strip(b.text))) found++;
    }
  });
  return `${found} / ${n}`;
}

/** hayro (the kit's PDF library) beside MuPDF and Poppler where they are installed, on the
 *  demo's page PDFs: rendering every page at 150 dpi to PNG (whole processes timed for the
 *  others, hayro's rendering and encoding in process), the pixels against each other's, and
 *  the text each gives. */
function engines(demo, files) {
  const rows = [];
  execFileSync('cargo', ['build', '--release', '--quiet', '-p', 'broadsheet-kit', '--example', 'pdf_engine'], { cwd: ROOT, stdio: 'inherit' });
  const tool = join(ROOT, 'target/release/examples/pdf_engine');
  const dir = mkdtempSync(join(tmpdir(), 'pdf-bench-engines-'));
  const at = (name) => {
    const d = join(dir, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  const ours = at('hayro');
  let hayro;
  const seconds = best(() => {
    hayro = JSON.parse(execFileSync(tool, ['150', ours, ...files], { encoding: 'utf8' }));
  });
  rows.push({ figure: `PDF engines, the ${files.length} demo pages at 150 dpi to PNG: hayro 0.9 (the kit's)`, value: hayro.render.toFixed(2), unit: `s (process ${seconds.toFixed(2)} s)`, target: '' });
  const text = { 'hayro (the kit\'s lines)': (k) => readFileSync(join(ours, `${k}-0.txt`), 'utf8') };
  const others = [
    ['mutool', 'MuPDF', (f, d, k) => ['draw', '-q', '-r', '150', '-o', join(d, `${k}-0.png`), f], (f, out) => ['draw', '-q', '-F', 'txt', '-o', out, f]],
    ['pdftoppm', 'Poppler', (f, d, k) => ['-r', '150', '-png', '-singlefile', f, join(d, `${k}-0`)], null],
  ];
  for (const [cmd, name, render, txt] of others) {
    if (!has(cmd)) {
      rows.push({ figure: `  ${name} (${cmd}): not installed`, value: '', unit: '', target: '' });
      continue;
    }
    const d = at(name);
    const t = best(() => files.forEach((f, k) => spawnSync(cmd, render(f, d, k), { stdio: 'ignore' })));
    const cmp = JSON.parse(execFileSync(tool, ['150', at(`${name}-vs`), '--against', d, ...files], { encoding: 'utf8' }));
    rows.push({ figure: `  ${name} (${cmd})`, value: t.toFixed(2), unit: 's (processes)', target: '' });
    rows.push({ figure: `  hayro's pixels against ${name}'s: mean grey difference, pixels off by > 64`, value: cmp.meanDiff.toFixed(2), unit: `/ 255, ${(100 * cmp.visible).toFixed(2)} %`, target: '' });
    if (txt) {
      text[`${name} (${cmd} draw -F txt)`] = (k) => {
        const out = join(d, `${k}.txt`);
        spawnSync(cmd, txt(files[k], out), { stdio: 'ignore' });
        return readFileSync(out, 'utf8');
      };
    }
  }
  if (has('pdftotext')) {
    text['Poppler (pdftotext)'] = (k) => execFileSync('pdftotext', ['-enc', 'UTF-8', files[k], '-'], { encoding: 'utf8' });
  }
  for (const [name, pageText] of Object.entries(text)) {
    rows.push({ figure: `  demo body paragraphs whole in the text of ${name}`, value: verbatim(demo, pageText), unit: '', target: '' });
  }
  rmSync(dir, { recursive: true });
  return rows;
}

export default async function () {
  execFileSync('cargo', ['build', '--release', '--quiet', '-p', 'broadsheet-kit'], { cwd: ROOT, stdio: 'inherit' });
  const kit = join(ROOT, 'target/release/broadsheet-kit');
  const rows = [];
  if (existsSync(join(LOC, '0007.pdf'))) {
    // The page PDF alone in a folder, as an edition of one page.
    const dir = mkdtempSync(join(tmpdir(), 'pdf-bench-loc-'));
    symlinkSync(join(LOC, '0007.pdf'), join(dir, '0007.pdf'));
    const rates = [];
    let last;
    for (let k = 0; k < 3; k++) {
      last = importPdf(kit, dir, ['--date', '1916-08-26']);
      rates.push(last.rate);
    }
    const words = JSON.parse(readFileSync(join(last.out, 'p1.words.json'), 'utf8'));
    const acc = wordAccuracy(readFileSync(join(LOC, '0007.xml'), 'utf8'), words);
    rows.push({ figure: 'LoC page PDF (02 Evening Star): pages per second', value: Math.max(...rates).toFixed(2), unit: 'pages/s', target: '' });
    rows.push({ figure: 'LoC page PDF: words read', value: `${acc.ours}`, unit: `ALTO ${acc.total}`, target: '' });
    rows.push({ figure: 'LoC page PDF: ALTO words found at their place', value: (100 * acc.accuracy).toFixed(1), unit: `% (${acc.found})`, target: '≥ 95' });
    rmSync(dir, { recursive: true });
  } else {
    rows.push({ figure: 'LoC page PDF: not there (../shared/data/02-…)', value: '', unit: '', target: '' });
  }
  const demo = JSON.parse(readFileSync(join(ROOT, 'demo/data/issues', DEMO_DATE, 'issue.json'), 'utf8'));
  const rates = [];
  let got;
  for (let k = 0; k < 3; k++) {
    // 96 dpi: the demo's own page size (1 CSS px = 0.75 pt).
    const r = importPdf(kit, join(ROOT, 'demo/pdf', DEMO_DATE), ['--dpi', '96']);
    rates.push(r.rate);
    got = r.issue;
  }
  const f = demoFigures(demo, got);
  rows.push({ figure: `demo page PDFs (${DEMO_DATE}, ${demo.pages.length} pages): pages per second`, value: Math.max(...rates).toFixed(2), unit: 'pages/s', target: '' });
  rows.push({ figure: 'demo page PDFs: titles exact', value: `${f.titles} / ${f.n}`, unit: `${(100 * f.titles / f.n).toFixed(0)} %`, target: 'all' });
  rows.push({ figure: 'demo page PDFs: body text exact', value: `${f.bodies} / ${f.n}`, unit: `${(100 * f.bodies / f.n).toFixed(0)} %`, target: 'all' });
  rows.push({ figure: 'demo page PDFs: kind (article, masthead, advertisement) as the demo\'s', value: `${f.kinds} / ${f.n}`, unit: '', target: 'all' });
  rows.push({ figure: 'demo page PDFs: region IoU, mean (min)', value: `${f.meanIou.toFixed(3)} (${f.minIou.toFixed(3)})`, unit: '', target: '≥ 0.95' });
  rows.push({ figure: 'demo page PDFs: continued stories\' regions on their page', value: `${f.jumped} / ${f.jumps}`, unit: 'IoU ≥ 0.95', target: 'all' });
  rows.push({ figure: 'demo page PDFs: articles found / demo articles', value: `${f.got} / ${f.n}`, unit: '', target: '' });
  // The same pages printed without the frames around their articles: stories found from the
  // headlines and columns alone. Their regions are the text's own box, inside the frame the
  // demo gives as truth, so the IoU is lower by the frame's margin.
  const bare = mkdtempSync(join(tmpdir(), 'pdf-bench-unframed-'));
  execFileSync('node', [join(ROOT, 'demo/pdf/make.mjs'), DEMO_DATE, '--unframed', '--out', bare], { stdio: 'ignore' });
  const u = demoFigures(demo, importPdf(kit, bare, ['--dpi', '96', '--date', DEMO_DATE]).issue);
  rmSync(bare, { recursive: true });
  rows.push({ figure: 'demo page PDFs without frames: titles exact', value: `${u.titles} / ${u.n}`, unit: `${(100 * u.titles / u.n).toFixed(0)} %`, target: 'all' });
  rows.push({ figure: 'demo page PDFs without frames: body text exact', value: `${u.bodies} / ${u.n}`, unit: `${(100 * u.bodies / u.n).toFixed(0)} %`, target: 'all' });
  rows.push({ figure: 'demo page PDFs without frames: kind as the demo\'s', value: `${u.kinds} / ${u.n}`, unit: '', target: 'all' });
  rows.push({ figure: 'demo page PDFs without frames: region IoU, mean (min)', value: `${u.meanIou.toFixed(3)} (${u.minIou.toFixed(3)})`, unit: 'truth: the frames', target: '' });
  rows.push({ figure: 'demo page PDFs without frames: articles found / demo articles', value: `${u.got} / ${u.n}`, unit: '', target: '' });
  const files = demo.pages.map((p) => join(ROOT, 'demo/pdf', DEMO_DATE, `${p.id}.pdf`));
  rows.push(...engines(demo, files));
  return rows;
}
