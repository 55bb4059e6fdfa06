// The floor of first load: the steps the app must take and nothing more. archive.json, then the
// issue at its `issues` template filled with `last` (the newest), then the first page's image with
// the srcset and sizes the page map gives it, with the articles' regions over it as SVG links.
const SVG = 'http://www.w3.org/2000/svg';
const SIZES = '(max-width: 700px) 100vw, 60vw'; // page_map::SIZES

async function json(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url.pathname}: HTTP ${r.status}`);
  return r.json();
}

function svg(name, attrs) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

async function main() {
  const archiveUrl = new URL('data/archive.json', document.baseURI);
  const archive = await json(archiveUrl);
  document.getElementById('masthead').textContent = `${archive.paper.name}, ${archive.last}`;
  const [yyyy, mm, dd] = archive.last.split('-');
  const issueUrl = new URL(archive.issues.replaceAll('{yyyy}', yyyy).replaceAll('{mm}', mm).replaceAll('{dd}', dd), archiveUrl);
  const issue = await json(issueUrl);
  const page = issue.pages[0];
  const { image } = page;
  // Every rendition and the full image, by width, addresses relative to the issue file.
  const sources = [...(image.renditions ?? []), { src: image.src, width: image.width }].sort((a, b) => a.width - b.width);
  const img = Object.assign(document.createElement('img'), {
    sizes: SIZES,
    srcset: sources.map((s) => `${new URL(s.src, issueUrl)} ${s.width}w`).join(', '),
    src: new URL(image.src, issueUrl).href,
    width: image.width,
    height: image.height,
    alt: `Page ${page.number}: ${page.name}`,
  });
  // Regions of articles (not mastheads or advertisements) on this page, from any page's articles.
  const map = svg('svg', { viewBox: `0 0 ${image.width} ${image.height}`, preserveAspectRatio: 'none' });
  for (const home of issue.pages) {
    for (const a of home.articles ?? []) {
      const regions = (a.regions ?? []).filter((r) => (r.page ?? home.id) === page.id);
      if ((a.kind ?? 'article') !== 'article' || !regions.length) continue;
      const link = svg('a', { href: `?article=${encodeURIComponent(a.id)}`, class: 'region', 'aria-label': a.title });
      for (const r of regions) link.append(svg('polygon', { points: r.points.map(([x, y]) => `${x},${y}`).join(' ') }));
      map.append(link);
    }
  }
  document.getElementById('page').append(img, map);
}

main().catch((e) => { document.getElementById('masthead').textContent = `Could not load the issue: ${e.message}`; });
