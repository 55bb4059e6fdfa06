// The ratings server under load (issue 19), on loopback only, bounded in time and count: votes per
// second and p50/p99 latency at 50 and 200 concurrent clients, for two instances over one
// PostgreSQL (a throwaway cluster, tests/pg-cluster.sh) and one instance over SQLite; then the same
// load while one instance is killed (SIGKILL) and restarted and while PostgreSQL restarts. Nothing
// may be lost: every vote the load generator saw acknowledged must be in the database exactly once
// with its score (tests/bench/ratings-load, a small tokio client, counts and checks them).
//
// Every vote comes from a new client id, so each acknowledgement names one row. The server, the
// database and the load generator share this machine's cores: the figures are a floor, not a
// capacity plan. `RATINGS_BENCH_SECONDS` sets each run's length (5 s by default).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../e2e/harness.mjs';

const SECONDS = Number(process.env.RATINGS_BENCH_SECONDS ?? 5);
const MAX_VOTES = 200_000; // per run, whatever the time
const PG = join(ROOT, 'crates/ratings-server/tests/pg-cluster.sh');
// Built for speed (the workspace's release profile is tuned for the wasm app's size), apart.
const SERVER = join(ROOT, 'target/ratings-bench/release/ratings-server');
const LOAD = join(ROOT, 'target/ratings-load/release/ratings-load');
const PAGES = ['2016-09-24', '2016-09-17'].flatMap((d) => ['p1', 'p2', 'p3', 'p4'].map((p) => `${d}/${p}`));
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

/** A server process on 127.0.0.1:port; resolves once it listens. */
function startServer(database, port) {
  const child = spawn(SERVER, ['--archive', join(ROOT, 'demo/data'), '--database', database,
    '--listen', `127.0.0.1:${port}`, '--reads-per-minute', '0', '--votes-per-minute', '0', '--log-level', 'error',
    '--db-connections', '32'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (l) => (l.startsWith('listening on') ? ok(child) : fail(new Error(l))));
    child.once('exit', (code) => fail(new Error(`ratings-server exited with ${code}`)));
  });
}

async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGTERM');
  await done;
}

/** Runs the load generator; resolves to its JSON summary. */
function load(args) {
  return new Promise((ok, fail) => {
    const child = spawn(LOAD, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) => (code === 0 ? ok(JSON.parse(out)) : fail(new Error(`ratings-load ${args[0]} exited with ${code}`))));
  });
}

export default async function () {
  const cargo = (args, env = {}) => execFileSync('cargo', args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  cargo(['build', '--release', '--quiet', '--locked', '-p', 'broadsheet-ratings-server', '--target-dir', 'target/ratings-bench'],
    { CARGO_PROFILE_RELEASE_OPT_LEVEL: '3', CARGO_PROFILE_RELEASE_LTO: 'thin', CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16' });
  cargo(['build', '--release', '--quiet', '--locked', '--manifest-path', 'tests/bench/ratings-load/Cargo.toml',
    '--target-dir', 'target/ratings-load']);
  const work = mkdtempSync(join(tmpdir(), 'broadsheet-ratings-bench-'));
  const [pgDir, pgAdmin] = execFileSync(PG, ['start']).toString().trim().split(' ');
  const servers = [];
  const rows = [];
  const checks = [];
  try {
    execFileSync('psql', [pgAdmin, '-qc', 'CREATE DATABASE bench']);
    const pgUrl = pgAdmin.replace(/\/postgres$/, '/bench');
    const sqliteUrl = `sqlite:${join(work, 'bench.sqlite')}`;
    const run = async (name, database, targets, clients, seconds, during) => {
      const acks = join(work, `${name}.acks`);
      const going = load(['run', '--targets', targets.join(','), '--clients', String(clients), '--seconds', String(seconds),
        '--max', String(MAX_VOTES), '--pages', PAGES.join(','), '--prefix', `${name}-`, '--acks', acks]);
      if (during) await during();
      const result = await going;
      checks.push({ name, database, acks });
      return result;
    };
    const figures = (label, r) => {
      rows.push({ figure: `${label}: votes acknowledged per second`, value: r.votes_per_second.toFixed(0), unit: 'votes/s' });
      rows.push({ figure: `${label}: latency p50 / p99`, value: `${r.p50_ms.toFixed(1)} / ${r.p99_ms.toFixed(1)}`, unit: 'ms' });
    };

    const ports = [await freePort(), await freePort()];
    servers.push(await startServer(pgUrl, ports[0]), await startServer(pgUrl, ports[1]));
    const pgTargets = ports.map((p) => `127.0.0.1:${p}`);
    for (const clients of [50, 200]) {
      figures(`PostgreSQL, 2 instances, ${clients} clients`, await run(`pg${clients}`, pgUrl, pgTargets, clients, SECONDS));
    }

    // Faults, each in a run of its own at 200 clients: instance 0 is killed (SIGKILL) a fifth of
    // the way in and restarted on its port a second later; then PostgreSQL restarts (fast
    // shutdown) a third of the way in. A client whose connection fails moves to the other instance.
    const faultSeconds = SECONDS * 2;
    const faults = [
      ['kill', 'an instance killed and restarted', async () => {
        await sleep(faultSeconds * 200);
        servers[0].kill('SIGKILL');
        await sleep(1000);
        servers[0] = await startServer(pgUrl, ports[0]);
      }],
      ['pgrestart', 'PostgreSQL restarted', async () => {
        await sleep(faultSeconds * 333);
        const t0 = performance.now();
        execFileSync(PG, ['restart', pgDir]);
        pgRestartMs = performance.now() - t0;
      }],
    ];
    let pgRestartMs = 0;
    for (const [name, what, during] of faults) {
      const r = await run(name, pgUrl, pgTargets, 200, faultSeconds, during);
      const label = `PostgreSQL, 2 instances, 200 clients, ${what}`;
      figures(label, r);
      const notAcked = Object.values(r.refused).reduce((a, b) => a + b, 0) + Object.values(r.failed).reduce((a, b) => a + b, 0);
      rows.push({
        figure: `${label}: votes sent / acknowledged / not (error answer or lost connection); slowest answer`,
        value: `${r.attempted} / ${r.acked} / ${notAcked}; ${r.max_ms.toFixed(0)} ms`,
        unit: `refused ${JSON.stringify(r.refused)}, failed ${JSON.stringify(r.failed)}${name === 'pgrestart' ? `; the restart took ${pgRestartMs.toFixed(0)} ms` : ''}`,
      });
    }
    for (const s of servers.splice(0)) await stopServer(s);

    const sqlitePort = await freePort();
    servers.push(await startServer(sqliteUrl, sqlitePort));
    for (const clients of [50, 200]) {
      figures(`SQLite, 1 instance, ${clients} clients`, await run(`sqlite${clients}`, sqliteUrl, [`127.0.0.1:${sqlitePort}`], clients, SECONDS));
    }
    for (const s of servers.splice(0)) await stopServer(s);

    // Every acknowledgement against the rows.
    let lost = 0;
    for (const c of checks) {
      const v = await load(['verify', '--database', c.database, '--prefix', `${c.name}-`, '--acks', c.acks]);
      lost += v.acked_missing + v.acked_wrong + v.pages_with_drifted_totals;
      rows.push({
        figure: `${c.name}: acknowledged votes in the database exactly once, with their score`,
        value: `${v.acked_found_once} of ${v.acked}`,
        unit: `${v.rows} rows; ${v.rows_unacknowledged} recorded without an answer reaching the client; drifted totals: ${v.pages_with_drifted_totals}`,
      });
    }
    rows.push({
      figure: 'acknowledged votes missing or wrong, pages whose totals drifted (all runs)',
      value: String(lost),
      unit: '',
      target: '0',
      budget: { pass: lost === 0, text: 'nothing lost: every acknowledged vote is in the database exactly once, and the totals match the votes' },
    });
  } finally {
    for (const s of servers) s.kill('SIGKILL');
    execFileSync(PG, ['stop', pgDir]);
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
