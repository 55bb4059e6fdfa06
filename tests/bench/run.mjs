// `make bench`: runs every tests/bench/*.bench.mjs in turn against the release build in dist/ and
// prints one table of figures. Each bench exports `default async function (ctx)` returning rows
// `{ figure, value, unit, target }`, and optionally `budget: { pass, text }`, which is printed
// again below the table as the budget's verdict. Timings are taken inside the page (User Timing, Event
// Timing, performance.memory), never with the test tool's waiting helpers.
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.mjs')).sort();
const only = process.argv[2];
const rows = [];
const browser = await launch();
try {
  for (const f of files) {
    if (only && !f.includes(only)) continue;
    const { default: bench } = await import(join(here, f));
    for (const row of await bench({ browser })) rows.push({ bench: f.replace('.bench.mjs', ''), ...row });
  }
} finally {
  await browser.close();
}
const w = (k) => Math.max(k.length, ...rows.map((r) => String(r[k] ?? '').length));
const cols = ['bench', 'figure', 'value', 'unit', 'target'];
const widths = Object.fromEntries(cols.map((c) => [c, w(c)]));
const line = (r) => cols.map((c) => String(r[c] ?? '').padEnd(widths[c])).join('  ');
console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
console.log(cols.map((c) => '-'.repeat(widths[c])).join('  '));
for (const r of rows) console.log(line(r));
// The performance budget (issue 8): rows that carry `budget: { pass, text }`.
const budget = rows.filter((r) => r.budget);
if (budget.length) {
  console.log('\nbudget');
  for (const r of budget) console.log(`  ${r.budget.pass ? 'within' : 'OVER  '}  ${r.budget.text}`);
}
