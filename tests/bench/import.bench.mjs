// Import time per page: the Beaver County News page (METS/ALTO, 3852x5741 JPEG) through the
// kit in release, as its own report on stderr gives it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../e2e/harness.mjs';

const SHARED = join(ROOT, '../shared/data/01-beaver-county-news-1916-05-12-p1/articles_1916051201.xml');

export default async function () {
  if (!existsSync(SHARED)) return [{ figure: 'import mets-alto, Beaver County News', value: 'skipped: ../shared/data not present', unit: '' }];
  execFileSync('cargo', ['build', '--release', '--quiet', '-p', 'broadsheet-kit'], { cwd: ROOT, stdio: 'inherit' });
  const kit = join(ROOT, 'target/release/broadsheet-kit');
  const rows = [];
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const out = mkdtempSync(join(tmpdir(), 'broadsheet-import-'));
    try {
      const run = spawnSync(kit, ['import', 'mets-alto', SHARED, '--out', join(out, 'issue')], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
      const m = run.stderr.match(/imported (\d+) pages? in ([\d.]+) s \(([\d.]+) s per page\)/);
      if (!m) throw new Error(`no timing line in: ${run.stderr}`);
      runs.push(parseFloat(m[3]));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  runs.sort((a, b) => a - b);
  rows.push({ figure: 'import mets-alto, Beaver County News page (median of 3)', value: (runs[1] * 1000).toFixed(0), unit: 'ms per page', target: '< 1000' });
  return rows;
}
