// `make bench` is not run by CI, so a bench can stop measuring and no one sees it: the app's
// click bench once counted the page's titles before they came (they moved into a part), timed
// no click and printed "no events recorded". This runs that bench once, as `make bench` does,
// and holds that each interaction figure it prints is a measurement. What the figures are is
// the bench's business, not this test's: the machine is too noisy for a timed test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import appBench from '../bench/app.bench.mjs';
import searchBench from '../bench/search.bench.mjs';

/** Each named figure is among the bench's rows, and its value a number: not "no events
 * recorded", "NaN", "?" or "(0 clicks)". */
function holdsMeasured(rows, names) {
  for (const name of names) {
    const row = rows.find((r) => r.figure.startsWith(name));
    assert.ok(row, `the bench has no row "${name}": ${rows.map((r) => r.figure).join('; ')}`);
    assert.match(String(row.value), /\d/, `"${row.figure}" measured nothing: ${row.value}`);
    assert.doesNotMatch(String(row.value), /no events|NaN|^\?$|\(0 clicks\)/, `"${row.figure}" measured nothing: ${row.value}`);
  }
}

test("the app's bench measures what it names: navigation, clicks, Escapes, the plain-JS floor, memory", async () => {
  const browser = await launch();
  try {
    const rows = await appBench({ browser });
    const measured = [
      'navigation to interactive page map',
      'click to article painted, Event Timing',
      'click to article presented, EventLatency',
      'the same article DOM put in by plain JS',
      'click to article: app p50 minus plain JS p50',
      "click to article painted, main thread's work",
      'Escape to article closed, EventLatency',
      'the same article DOM taken out by plain JS on Escape',
      'Escape: app p50 minus plain JS p50',
      'memory growth 10 -> 200 articles',
    ];
    holdsMeasured(rows, measured);
    // Each click the bench makes is one it times (three rounds over the page's titles).
    const clicks = rows.find((r) => r.figure.startsWith('click to article painted, Event Timing'));
    assert.match(clicks.figure, /\((\d+) clicks\)/);
    assert.ok(Number(clicks.figure.match(/\((\d+) clicks\)/)[1]) >= 3, clicks.figure);
  } finally {
    await browser.close();
  }
});

// The search bench types into the reader, into its page deaf to the keys and into an empty box,
// in turn; each of the three must have timed its keys (it throws if the deaf page answered).
test("the search bench measures what it names: the index's build, typed keys and both floors", async () => {
  const browser = await launch();
  try {
    const rows = await searchBench({ browser });
    const measured = [
      'search index of a 100-page issue',
      'keystroke to results laid out, in the page',
      'typed Latin keys to results presented, EventLatency',
      'deaf floor: its Latin keys, EventLatency',
      'empty floor: its Latin keys, EventLatency',
      "typed Latin keys: app p50 minus the empty box's p50",
      'typed Latin keys: of which the page, deaf, over the empty box',
      'typed Latin keys: of which the reader, over its page deaf',
    ];
    holdsMeasured(rows, measured);
    // Most of the three rounds' Latin keys (20 a round) timed on each side ("k/n within one
    // frame"; keys presented in one frame together may count once).
    for (const name of ['typed Latin keys to results presented', 'deaf floor: its Latin keys', 'empty floor: its Latin keys']) {
      const row = rows.find((r) => r.figure.startsWith(name));
      const n = Number(String(row.value).match(/\/(\d+) within/)?.[1]);
      assert.ok(n >= 30, `${name}: ${row.value}`);
    }
  } finally {
    await browser.close();
  }
});
