// Scenario 4: sustained stored messages/s. 200 users in 100 DMs, each user with its DM subscribed and
// one message in flight at a time (closed loop: the next goes when the last is acknowledged: ours by
// the sendMessage result (over HTTP, or over the graphql-ws socket) or the legacy sender's own echo,
// the floor by the sender's own copy, sent after its insert). Reported: acknowledged (= committed)
// messages/s, ack p99, delivery p99, RSS drift over the run; rows counted in the database afterwards.
// The floor runs a block before ours and after each of our paths; its rate is the mean of the blocks.
// --duration (default 300 s) sets each of ours' runs; --paths picks them (graphql,graphql-ws,legacy).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { now } from '../lib/clock.js';
import { benchArgs, emit, log, ratio, wanted } from '../lib/harness.js';
import { runStep, type StepResult } from '../lib/measure.js';
import { rssMiB } from '../lib/proc.js';
import type { Path } from '../lib/clients.js';
import { pairs, plan, seedFloor, startOurs } from '../lib/seed.js';
import { makeDataDir, startServer, type ServerHandle } from '../lib/servers.js';
import { contender, describe, stepLine, type Contender, type StepLine } from '../lib/session.js';

const SCENARIO = '4-sustained-store';
const { args, values } = benchArgs({ paths: { type: 'string', default: 'graphql,graphql-ws,legacy' } });
const DMS = 100;
const durationS = args.duration ?? 300;
const floorBlockS = Math.max(5, Math.min(15, Math.round(durationS / 4)));
const layout = { users: 2 * DMS, conversations: pairs(DMS) };
const seeded = plan(layout);

interface Drift {
  samples: number;
  startMiB: number;
  endMiB: number;
  maxMiB: number;
  /** least-squares slope after the first tenth of the run */
  slopeMiBPerMin: number;
}

function drift(samples: { t: number; rss: number }[]): Drift {
  const kept = samples.slice(Math.floor(samples.length / 10));
  const n = kept.length;
  const mt = kept.reduce((a, s) => a + s.t, 0) / n;
  const mr = kept.reduce((a, s) => a + s.rss, 0) / n;
  const cov = kept.reduce((a, s) => a + (s.t - mt) * (s.rss - mr), 0);
  const varT = kept.reduce((a, s) => a + (s.t - mt) ** 2, 0);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    samples: samples.length,
    startMiB: r1(kept[0]?.rss ?? NaN),
    endMiB: r1(kept.at(-1)?.rss ?? NaN),
    maxMiB: r1(Math.max(...samples.map((s) => s.rss))),
    slopeMiBPerMin: varT > 0 ? Math.round((cov / varT) * 60_000 * 100) / 100 : 0,
  };
}

function storedRows(dataDir: string, kind: 'ours' | 'floor'): number {
  const db = new Database(join(dataDir, kind === 'ours' ? 'chat.db' : 'floor.db'), { readonly: true });
  try {
    return (db.prepare(kind === 'ours' ? 'SELECT count(*) AS n FROM "Message"' : 'SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

interface Sustained {
  messagesPerS: number;
  stored: number;
  acknowledged: number;
  step: StepLine;
  rss?: Drift;
}

async function sustain(c: Contender, seconds: number, sampleRss: boolean): Promise<{ step: StepResult; rss: { t: number; rss: number }[] }> {
  const rss: { t: number; rss: number }[] = [];
  const step = await runStep(c.conn.pool, c.server.pid, {
    rate: 0,
    mode: 'closed',
    window: 1,
    durationMs: seconds * 1000,
    drainMs: 15_000,
    ...(sampleRss ? { onSecond: () => rss.push({ t: now(), rss: rssMiB(c.server.pid) }) } : {}),
  });
  log(describe(`${c.label} ${seconds}s closed loop`, stepLine(step)));
  return { step, rss };
}

const servers: ServerHandle[] = [];
const contenders: Contender[] = [];
const results: Record<string, Sustained> = {};
// GraphQL with the mutation over HTTP (Apollo/urql's default) is the headline; over the graphql-ws
// socket and the legacy socket are the other ways clients send. Each path has a server of its own.
const paths = String(values.paths).split(',').filter(Boolean) as Path[];
try {
  let floor: Contender | undefined;
  const ours: Contender[] = [];
  if (wanted(args, 'floor')) {
    const dir = makeDataDir('floor');
    seedFloor(dir, seeded);
    const server = await startServer('floor', dir, args, SCENARIO);
    servers.push(server);
    contenders.push((floor = await contender('floor', 'floor', server, seeded, args.workers)));
  }
  if (wanted(args, 'ours')) {
    for (const path of paths) {
      const server = await startOurs(layout, seeded, args, SCENARIO);
      servers.push(server);
      const c = await contender(path, path, server, seeded, args.workers);
      contenders.push(c);
      ours.push(c);
    }
  }
  // warm-up (JIT, subscriptions live), not counted
  for (const c of contenders) await sustain(c, 2, false);
  // the floor runs a block before the first of ours and after each
  const floorBlocks: StepResult[] = [];
  if (floor) floorBlocks.push((await sustain(floor, floorBlockS, false)).step);
  for (const c of ours) {
    const { step, rss } = await sustain(c, durationS, true);
    results[c.label] = {
      messagesPerS: step.sentRate,
      acknowledged: step.sent,
      stored: storedRows(c.server.dataDir, 'ours'),
      step: stepLine(step),
      rss: drift(rss),
    };
    if (floor) floorBlocks.push((await sustain(floor, floorBlockS, false)).step);
  }
  if (floor && floorBlocks.length > 0) {
    const acknowledged = floorBlocks.reduce((a, s) => a + s.sent, 0);
    results.floor = {
      messagesPerS: Math.round(acknowledged / (floorBlockS * floorBlocks.length)),
      acknowledged,
      stored: storedRows(floor.server.dataDir, 'floor'),
      step: stepLine(floorBlocks[floorBlocks.length - 1]!),
    };
  }
} finally {
  for (const c of contenders) await c.conn.pool.close();
  for (const s of servers) await s.stop();
}

const summary = Object.entries(results).map(
  ([k, r]) =>
    `${k}: ${r.messagesPerS} stored msg/s (ack p50 ${r.step.ackP50} p99 ${r.step.ackP99} ms, delivery p99 ${r.step.p99} ms, loss ${r.step.loss}, errors ${r.step.errors}), ${r.acknowledged} acknowledged in the measured block(s), ${r.stored} rows in the database at the end (warm-up included)${r.rss ? `, RSS ${r.rss.startMiB} → ${r.rss.endMiB} MiB (max ${r.rss.maxMiB}, slope ${r.rss.slopeMiBPerMin} MiB/min)` : ''}`,
);
const ratios = {
  storedPerS: ratio(results.graphql?.messagesPerS, results.floor?.messagesPerS),
  storedPerSGraphqlWs: ratio(results['graphql-ws']?.messagesPerS, results.floor?.messagesPerS),
  storedPerSLegacy: ratio(results.legacy?.messagesPerS, results.floor?.messagesPerS),
};
summary.push(
  `stored msg/s ours/floor: graphql (HTTP mutation) ${ratios.storedPerS ?? '-'}, graphql-ws (mutation over the socket) ${ratios.storedPerSGraphqlWs ?? '-'}, legacy ${ratios.storedPerSLegacy ?? '-'} (target ≥ 0.5)`,
);
emit(SCENARIO, { users: 2 * DMS, dms: DMS, durationS, floorBlockS, inFlightPerUser: 1, results, ratios }, summary);
