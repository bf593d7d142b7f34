// Scenario 3: many idle authenticated connections. Ours: N graphql-ws connections (connection_init
// with a Bearer token, then one subscription: unreadCount, whose first event, the current total,
// proves the subscription is live); floor: N sockets each joined to its room (its "ready" frame).
// Reported: RSS per connection ((RSS after − RSS after a warm-up batch) ÷ connections), handshakes/s
// and handshake latency, server CPU per 1,000 handshakes. One server at a time: the generator's side
// of 10,000 sockets stays under the 20,000 open files a process may hold.
import { benchArgs, emit, log, ratio, wanted } from '../lib/harness.js';
import { sleep } from '../lib/clock.js';
import { connSpecs, type Path } from '../lib/clients.js';
import { mergeHistograms, percentiles, type Percentiles } from '../lib/measure.js';
import { LoadPool } from '../lib/pool.js';
import { cpuSeconds, CpuMeter, rssMiB } from '../lib/proc.js';
import { pairs, plan, seedFloor, seedOurs, type Seeded } from '../lib/seed.js';
import { makeDataDir, startServer, type ServerHandle } from '../lib/servers.js';

const SCENARIO = '3-idle-connections';
const { args, values } = benchArgs({ connections: { type: 'string' } });
// 10,000 with --full; fewer by default: ours opens ~50-200 a second on this shared box
const N = Number(values.connections ?? (args.full ? 10_000 : 2_000));
const WARM = Math.min(200, Math.floor(N / 10));
const layout = { users: N, conversations: pairs(Math.ceil(N / 2)) };
const seeded = plan(layout);

interface IdleResult {
  connections: number;
  failed: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  rssPerConnectionKiB: number;
  handshakesPerS: number;
  handshake: Percentiles;
  serverCpuSecondsPer1000: number;
  /** the generator's CPU while opening, % of its core (near 100: the generator, not the server, set the pace) */
  generatorCpuPct: number;
  stillOpen: number;
  errors: string[];
}

async function measure(server: ServerHandle, path: Path, data: Seeded): Promise<IdleResult> {
  const specs = connSpecs(path, server, data, { sends: () => false, subscription: 'unreadCount' });
  const pool = new LoadPool(Math.max(2, args.workers));
  try {
    const warm = await pool.open(specs.slice(0, WARM), 32);
    await sleep(1000);
    const rssBefore = rssMiB(server.pid);
    const cpuBefore = cpuSeconds(server.pid);
    const generator = new CpuMeter(process.pid);
    const opened = await pool.open(specs.slice(WARM), 64, 120_000);
    const wallMs = Math.max(...opened.map((o) => o.wallMs));
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const generatorCpuPct = generator.lap();
    await sleep(2000);
    const rssAfter = rssMiB(server.pid);
    const n = opened.reduce((a, o) => a + o.opened, 0);
    const failed = opened.reduce((a, o) => a + o.failed, 0) + warm.reduce((a, o) => a + o.failed, 0);
    const collected = await pool.all<{ receivers: { closed: boolean }[] }>(() => ({ op: 'collect' }));
    const stillOpen = collected.flatMap((c) => c.receivers).filter((r) => !r.closed).length;
    return {
      connections: n + WARM,
      failed,
      rssBeforeMiB: Math.round(rssBefore * 10) / 10,
      rssAfterMiB: Math.round(rssAfter * 10) / 10,
      rssPerConnectionKiB: Math.round(((rssAfter - rssBefore) * 1024) / Math.max(1, n) * 10) / 10,
      handshakesPerS: Math.round(n / (wallMs / 1000)),
      handshake: percentiles(mergeHistograms(opened.map((o) => o.handshake))),
      serverCpuSecondsPer1000: Math.round((cpu / Math.max(1, n)) * 1000 * 1000) / 1000,
      generatorCpuPct,
      stillOpen,
      errors: opened.flatMap((o) => o.errors).slice(0, 3),
    };
  } finally {
    await pool.close();
  }
}

const results: Record<string, IdleResult> = {};
if (wanted(args, 'floor')) {
  const dir = makeDataDir('floor');
  seedFloor(dir, seeded);
  const server = await startServer('floor', dir, args, SCENARIO);
  try {
    results.floor = await measure(server, 'floor', seeded);
    log(`floor: ${JSON.stringify(results.floor)}`);
  } finally {
    await server.stop();
  }
}
if (wanted(args, 'ours')) {
  const dir = makeDataDir('ours');
  seedOurs(dir, layout, seeded);
  const server = await startServer('ours', dir, args, SCENARIO);
  try {
    results.graphql = await measure(server, 'graphql', seeded);
    log(`graphql: ${JSON.stringify(results.graphql)}`);
  } finally {
    await server.stop();
  }
}

const summary = Object.entries(results).map(
  ([k, r]) =>
    `${k}: ${r.connections} open (${r.failed} failed, ${r.stillOpen} still open at the end), RSS ${r.rssBeforeMiB} → ${r.rssAfterMiB} MiB = ${r.rssPerConnectionKiB} KiB/connection, ${r.handshakesPerS} handshakes/s (p50 ${r.handshake.p50} p99 ${r.handshake.p99} ms), ${r.serverCpuSecondsPer1000} server CPU-s per 1,000, generator ${r.generatorCpuPct}% CPU`,
);
const ratios = {
  rssPerConnection: ratio(results.graphql?.rssPerConnectionKiB, results.floor?.rssPerConnectionKiB),
  handshakesPerS: ratio(results.graphql?.handshakesPerS, results.floor?.handshakesPerS),
};
summary.push(`ours/floor: RSS per connection ×${ratios.rssPerConnection ?? '-'} (target ≤ 25 KiB absolute), handshakes/s ${ratios.handshakesPerS ?? '-'}`);
emit(SCENARIO, { connections: N, subscription: 'unreadCount', results, ratios }, summary);
