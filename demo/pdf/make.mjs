// The demo's page PDFs (issue 21): each page of a demo issue printed by headless Chromium
// from its page SVG, with the articles' body text set in the columns the SVG only sketches
// (grey line patterns), so that the PDFs carry the demo's own titles and text as a 数字报
// publisher's typesetting system would. `import pdf` on them must give the demo's articles
// back (tests/bench/pdf.bench.mjs measures how closely).
//
//   node demo/pdf/make.mjs [YYYY-MM-DD]    writes demo/pdf/YYYY-MM-DD/pN.pdf
//   node demo/pdf/make.mjs YYYY-MM-DD --unframed --out DIR
//                                          the same pages without the frames drawn around the
//                                          articles, into DIR (the bench's pages that the
//                                          importer must zone from their text alone)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const date = args[0] && !args[0].startsWith('--') ? args[0] : '2016-09-24';
const unframed = flag('--unframed');
const dir = path.join(root, 'demo/data/issues', date);
const out = option('--out') ?? path.join(root, 'demo/pdf', date);
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const issue = JSON.parse(fs.readFileSync(path.join(dir, 'issue.json'), 'utf8'));

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (tag, name) => Number(new RegExp(`\\b${name}="([-\\d.]+)"`).exec(tag)[1]);

/** Whether a point is inside a region's polygon (even-odd). */
function inside([x, y], pts) {
  let on = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) on = !on;
  }
  return on;
}

/** A headline the SVG breaks over lines where the title has a space keeps the space at the
 *  end of the line, as typesetting does (a space glyph the PDF shows). */
function keepSpaces(svg, titles) {
  return svg.replace(/<text ([^>]*)>([^<]*)<\/text>\n(?=<text [^>]*>([^<]*)<\/text>)/g, (all, attrs, line, next) =>
    titles.some((t) => t.includes(`${line} ${next}`)) ? `<text xml:space="preserve" ${attrs}>${line} </text>\n` : all,
  );
}

/** The body's text blocks (paragraphs and headings; pictures have no text). */
const blocks = (a) => a.body.filter((b) => b.type === 'paragraph' || b.type === 'heading');

/** The largest type size (px, at most 16) at which the blocks fit columns `width` px wide
 *  holding `rows(size)` lines in all: each block its lines, a paragraph's first indented. */
function fit(text, width, rows) {
  for (let fs = 16; fs > 8; fs -= 0.5) {
    const perLine = Math.floor(width / fs) - 1;
    const need = text.reduce((n, t) => n + Math.ceil(([...t.text].length + 2) / perLine), 0);
    if (need <= rows(fs)) return fs;
  }
  return 8;
}

/** A page's HTML: its SVG without the line patterns of the articles' columns, and the
 *  articles' text in those columns, flowed column by column. */
function pageHtml(page) {
  let svg = fs.readFileSync(path.join(dir, page.image.src), 'utf8');
  const rects = [...svg.matchAll(/<rect [^>]*fill="url\(#ln\)"\/>\n?/g)].map((m) => ({
    tag: m[0],
    x: num(m[0], 'x'),
    y: num(m[0], 'y'),
    w: num(m[0], 'width'),
    h: num(m[0], 'height'),
  }));
  svg = keepSpaces(svg, page.articles.flatMap((a) => [a.title, a.subtitle, a.pretitle].filter(Boolean)));
  // The article frames: outlines drawn in the page's rule grey.
  if (unframed) svg = svg.replace(/<polygon [^>]*fill="none" stroke="#b5b5b5"[^>]*\/>\n?/g, '');
  const divs = [];
  for (const a of page.articles) {
    const text = blocks(a);
    const region = a.regions.find((r) => !r.page);
    if (!text.length || !region) continue;
    const cols = rects.filter((r) => !r.taken && inside([r.x + r.w / 2, r.y + r.h / 2], region.points));
    if (!cols.length) continue;
    for (const c of cols) {
      svg = svg.replace(c.tag, '');
      c.taken = true;
    }
    // Columns side by side at one height make a group; groups fill top to bottom.
    const groups = [];
    for (const c of cols.sort((p, q) => p.y - q.y || p.x - q.x)) {
      const g = groups.find((g) => Math.abs(g[0].y - c.y) < 1 && Math.abs(g[0].h - c.h) < 1);
      if (g) g.push(c);
      else groups.push([c]);
    }
    // Each column holds whole lines of 1.6 times the type size; a line to spare in each group.
    const room = (g, fs) => g.length * Math.floor(g[0].h / (fs * 1.6)) - 1;
    const width = Math.min(...cols.map((c) => c.w));
    const size = fit(text, width, (fs) => groups.reduce((n, g) => n + room(g, fs), 0));
    const perLine = Math.floor(width / size) - 1;
    const need = (t) => Math.ceil(([...t.text].length + 2) / perLine);
    // Blocks shared out over the groups, each taking what its lines hold.
    let k = 0;
    groups.forEach((g, gi) => {
      const take = [];
      let used = 0;
      while (k < text.length && (gi === groups.length - 1 || used + need(text[k]) <= room(g, size))) {
        used += need(text[k]);
        take.push(text[k++]);
      }
      if (!take.length) return;
      const x0 = g[0].x;
      const last = g[g.length - 1];
      const gap = g.length > 1 ? g[1].x - (g[0].x + g[0].w) : 0;
      const html = take
        .map((t) => (t.type === 'heading' ? `<h4>${esc(t.text)}</h4>` : `<p>${esc(t.text)}</p>`))
        .join('');
      divs.push(
        `<div class="c" style="left:${x0}px;top:${g[0].y}px;width:${last.x + last.w - x0}px;height:${g[0].h}px;` +
          `column-count:${g.length};column-gap:${gap}px;font-size:${size}px;line-height:${(size * 1.6).toFixed(1)}px">${html}</div>`,
      );
    });
  }
  const { width, height } = page.image;
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
@page { size: ${width}px ${height}px; margin: 0 }
html, body { margin: 0 }
.page { position: relative; width: ${width}px; height: ${height}px; overflow: hidden }
.page > svg { position: absolute; left: 0; top: 0 }
.c { position: absolute; column-fill: auto; font-family: 'Noto Serif CJK SC', serif; color: #222; overflow: hidden }
.c p { margin: 0; text-indent: 2em }
.c h4 { margin: 0; font-size: 1em; font-weight: bold }
</style><div class="page">${svg}${divs.join('')}</div></html>`;
}

fs.mkdirSync(out, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-pdf-'));
for (const page of issue.pages) {
  const html = path.join(tmp, `${page.id}.html`);
  fs.writeFileSync(html, pageHtml(page));
  const pdf = path.join(out, `${page.id}.pdf`);
  execFileSync(chromium, [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdf}`,
    `file://${html}`,
  ], { stdio: 'ignore' });
  console.log(`${path.relative(root, pdf)}: ${fs.statSync(pdf).size} bytes`);
}
fs.rmSync(tmp, { recursive: true });
