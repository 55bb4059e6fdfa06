// Input-to-screen latency as Chromium itself records it, and what this machine allows at best.
//
// Event Timing rounds durations to 8 ms and reports only those of 16 ms or more, so an entry of
// "16" may be 12 ms (within a frame) or 20 ms (over it). Chromium's own `EventLatency` trace events
// (DevTools protocol) time each input from the OS event to the frame that showed its effect being
// presented, to a tenth of a millisecond. The floors are the same measure on a bare page: a button
// that changes one word, and an empty text box; no app can beat them on this machine.

const FRAME = 1000 / 60;

/** Starts a DevTools trace of `categories` on `page`; `stop()` resolves to its events. */
async function trace(page, categories) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  return {
    async stop() {
      const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.end');
      await done;
      await cdp.detach();
      return events;
    },
  };
}

/** Starts recording EventLatency on `page`; `stop()` resolves to `[{ type, ms, stages }]`, where
 * `stages` holds the ms of each of its stages Chromium traced (input to main thread, the main
 * thread, commit, raster to activation, the display's draw...), by name. */
export async function recordLatency(page) {
  const tracing = await trace(page, 'cc,benchmark,input,latencyInfo');
  return {
    async stop() {
      const events = (await tracing.stop()).filter((e) => e.ph === 'b' || e.ph === 'e').sort((a, b) => a.ts - b.ts);
      const id = (e) => String(e.id2?.local ?? e.id);
      // The stages are async events under the same id, begun and ended within their EventLatency.
      const byId = new Map();
      for (const e of events) {
        if (!byId.has(id(e))) byId.set(id(e), []);
        byId.get(id(e)).push(e);
      }
      const begun = new Map();
      const out = [];
      for (const e of events.filter((e) => e.name === 'EventLatency')) {
        if (e.ph === 'b') begun.set(id(e), e);
        else if (begun.has(id(e))) {
          const b = begun.get(id(e));
          const stages = {};
          const open = new Map();
          for (const s of byId.get(id(e)).filter((s) => s.name !== 'EventLatency' && s.ts >= b.ts && s.ts <= e.ts)) {
            if (s.ph === 'b') open.set(s.name, s.ts);
            else if (open.has(s.name)) stages[s.name] = (s.ts - open.get(s.name)) / 1000;
          }
          out.push({ type: b.args?.event_latency?.event_type ?? '?', ms: (e.ts - b.ts) / 1000, stages });
          begun.delete(id(e));
        }
      }
      return out;
    },
  };
}

/** The stages whose p50 is most over the floor's, `a` against `b` (each from `recordLatency`):
 * "Stage +x.x" for the `n` largest differences of at least 0.5 ms. */
export function stagesOver(a, b, n = 4) {
  const p50 = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
  const at = (list, name) => p50(list.map((e) => e.stages[name]).filter((x) => x !== undefined));
  const names = [...new Set(a.flatMap((e) => Object.keys(e.stages)))];
  return names.map((name) => [name, at(a, name) - at(b, name)]).filter(([, d]) => d >= 0.5)
    .sort((x, y) => y[1] - x[1]).slice(0, n).map(([name, d]) => `${name} +${d.toFixed(1)}`).join(', ') || 'none over 0.5 ms';
}

/** "p50 a, p90 b, max c; k/n within one frame" of latencies in ms. */
export function summary(ms) {
  if (!ms.length) return 'no events recorded';
  const s = [...ms].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1);
  return `p50 ${at(0.5)}, p90 ${at(0.9)}, max ${s[s.length - 1].toFixed(1)}; ${ms.filter((x) => x <= FRAME).length}/${ms.length} within one frame`;
}

/** `total` events in three plain buckets, from the durations Event Timing reported for them
 * (8-ms steps; an event under 16 ms is not reported). */
export function eventTimingBuckets(reported, total) {
  const edge = reported.filter((d) => d === 16).length;
  const over = reported.filter((d) => d > 16).length;
  return `${Math.max(0, total - edge - over)} under 16, ${edge} at 16 (12-20 ms), ${over} at 24 or more`;
}

/** Clicks on a button that changes one word, on an otherwise empty page. */
export async function clickFloor(newPage, browser, count = 10) {
  const page = await newPage(browser);
  await page.setContent('<button id="b">change</button><p id="t">a word</p>'
    + '<script>b.onclick = () => { t.textContent = "word " + Math.random(); };</script>');
  await page.waitForTimeout(300);
  const box = await page.locator('#b').boundingBox();
  const rec = await recordLatency(page);
  for (let i = 0; i < count; i++) {
    await page.mouse.click(box.x + 5, box.y + 5);
    await page.waitForTimeout(100);
  }
  const ms = (await rec.stop()).filter((e) => e.type === 'MOUSE_RELEASED').map((e) => e.ms);
  await page.context().close();
  return ms;
}

/** An empty text box on an otherwise empty page, kept open: `type(text)` types into it and
 * resolves to the EventLatency of the keys (Latin letters; Chinese arrives as text, not keys)
 * and the durations of the input events Event Timing reported (16 ms or more). */
export async function typingFloor(newPage, browser) {
  const page = await newPage(browser);
  await page.setContent('<input id="i">');
  await page.evaluate(() => {
    window.__inputs = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'input') window.__inputs.push(e.duration); })
      .observe({ type: 'event', durationThreshold: 16 });
  });
  await page.locator('#i').focus();
  await page.waitForTimeout(300);
  return {
    async type(text) {
      await page.locator('#i').fill('');
      await page.evaluate(() => { window.__inputs.length = 0; });
      const rec = await recordLatency(page);
      await page.locator('#i').pressSequentially(text, { delay: 30 });
      await page.waitForTimeout(200);
      const events = (await rec.stop()).filter((e) => e.type === 'KEY_PRESSED');
      return { events, inputs: await page.evaluate(() => window.__inputs) };
    },
    close: () => page.context().close(),
  };
}

/**
 * Starts recording the main thread's work per click on `page` (a DevTools timeline trace);
 * `stop()` resolves to one figure a click: the main thread's busy time (its tasks, clipped) from
 * the task that dispatched the click to the end of the first paint after it, in ms. Steadier on
 * a noisy machine than EventLatency, which also holds the wait for the display's next frame.
 */
export async function recordWork(page) {
  const tracing = await trace(page, 'toplevel,devtools.timeline');
  return {
    async stop() {
      const events = await tracing.stop();
      const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
      const on = (e) => main.has(`${e.pid}:${e.tid}`) && e.ph === 'X';
      const tasks = events.filter((e) => on(e) && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'));
      const paints = events.filter((e) => on(e) && e.name === 'Paint').sort((a, b) => a.ts - b.ts);
      const clicks = events.filter((e) => on(e) && e.name === 'EventDispatch' && e.args?.data?.type === 'click').sort((a, b) => a.ts - b.ts);
      return clicks.map((c) => {
        const task = tasks.find((t) => t.ts <= c.ts && c.ts <= t.ts + t.dur);
        const from = task?.ts ?? c.ts;
        const paint = paints.find((p) => p.ts > c.ts);
        if (!paint) return null;
        const to = paint.ts + paint.dur;
        const busy = tasks.reduce((n, t) => n + Math.max(0, Math.min(to, t.ts + t.dur) - Math.max(from, t.ts)), 0);
        return busy / 1000;
      }).filter((ms) => ms !== null);
    },
  };
}
