// Articles from the layout alone (issue 15): the figures of `broadsheet-kit segment` on the
// Beaver County News page (shared data 01, judged against the articles of its METS) and the
// Evening Star page (02, NDNP ALTO without articles, judged against a truth read by eye), as
// found from the layout and as one article per block (`--no-segment`). Definitions: the
// section "Pages without articles" of docs/importing.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/harness.mjs';

const FIX = join(ROOT, 'tests/fixtures/import');
const SHARED = join(ROOT, '../shared/data/02-evening-star-1916-08-26-p1/0007.jpg');

const PAGES = [
  {
    name: '01 Beaver County News',
    alto: join(FIX, 'beaver/0001.xml'),
    image: join(ROOT, 'demo/beaver/issues/1916-05-12/p1.jpg'),
    truth: join(FIX, 'beaver/articles_1916051201.xml'),
  },
  {
    name: '02 Evening Star',
    alto: join(FIX, 'evening-star/0007.xml'),
    // The page JPEG where the shared data is there; else its ink, which gives the same rules.
    image: existsSync(SHARED) ? SHARED : join(FIX, 'evening-star/0007.png'),
    truth: join(FIX, 'evening-star/truth.json'),
  },
];

function figures(kit, page, plain) {
  const args = ['segment', page.alto, '--image', page.image, '--truth', page.truth, '--json'];
  if (plain) args.push('--no-segment');
  const run = spawnSync(kit, args, { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`segment failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const pct = (v) => (100 * v).toFixed(1);

export default async function () {
  execFileSync('cargo', ['build', '--release', '--quiet', '-p', 'broadsheet-kit'], { cwd: ROOT, stdio: 'inherit' });
  const kit = join(ROOT, 'target/release/broadsheet-kit');
  const rows = [];
  for (const page of PAGES) {
    for (const plain of [false, true]) {
      const { figures: f, failures } = figures(kit, page, plain);
      const how = `${page.name}${plain ? ', --no-segment' : ''}`;
      rows.push({ figure: `${how}: articles for headlines`, value: `${f.articles} / ${f.headlines}`, unit: `+ ${f.mastheads} masthead`, target: '±20 %' });
      rows.push({ figure: `${how}: worst overlap of regions`, value: pct(f.overlap), unit: '% of smaller', target: '≤ 5' });
      rows.push({ figure: `${how}: text lines in a region`, value: pct(f.covered), unit: '%', target: '≥ 95' });
      rows.push({ figure: `${how}: region area / line area`, value: f.area_ratio.toFixed(2), unit: 'x', target: '≤ 2' });
      rows.push({ figure: `${how}: titles that are headlines`, value: `${f.titles_headlines} / ${f.titles}`, unit: '', target: 'all' });
      const b = f.boundaries;
      rows.push({ figure: `${how}: boundaries vs truth`, value: `P ${b.precision.toFixed(3)} R ${b.recall.toFixed(3)}`, unit: `${b.found} found, ${b.truth} true`, target: '' });
      const p = f.pairs;
      rows.push({ figure: `${how}: line pairs vs truth`, value: `P ${p.precision.toFixed(3)} R ${p.recall.toFixed(3)}`, unit: '', target: '' });
      const missed = failures.length ? `${failures.length} threshold(s) missed` : '';
      rows.push({ figure: `${how}: acceptance`, value: failures.length ? 'not met' : 'met', unit: missed, target: plain ? '' : 'met' });
    }
  }
  return rows;
}
