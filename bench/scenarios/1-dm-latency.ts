// Scenario 1: DM send → deliver latency at fixed offered rates (100, 1,000 msg/s) and the knee (the
// highest rate whose p99 stays ≤ 50 ms with nothing lost), ours over GraphQL (messageAdded over
// graphql-ws; sendMessage over HTTP as urql/Apollo send mutations by default, or over the same socket)
// and over the legacy socket when it exists, against the floor. 100 users in 50 DMs, everyone
// subscribed and everyone sending, round-robin. One server per contender, side by side; the steps
// alternate between them.
import { legacyAvailable } from '../lib/clients.js';
import { benchArgs, emit, log, ratio, wanted } from '../lib/harness.js';
import { geometric } from '../lib/measure.js';
import { pairs, plan, seedFloor, startOurs } from '../lib/seed.js';
import { makeDataDir, startServer, type ServerHandle } from '../lib/servers.js';
import { contender, describe, measureInterleaved, type Contender, type PathResult, type RatePlan } from '../lib/session.js';

const SCENARIO = '1-dm-latency';
const { args } = benchArgs();
const DMS = 50;
const fixedMs = (args.duration ?? (args.full ? 60 : 5)) * 1000;
const ratePlan: RatePlan = {
  fixed: [100, 1000],
  fixedMs,
  knee: geometric(20, 30_000, 1.5),
  kneeMs: args.full ? 15_000 : 3_000,
  p99LimitMs: () => 50,
  refineSteps: 3,
  // JIT warm-up at a real load: a cold server's first busy second says nothing about its knee
  warmUpRate: 500,
  warmUpMs: 5000,
  drainMs: args.full ? 30_000 : 10_000,
};

const layout = { users: 2 * DMS, conversations: pairs(DMS) };
const seeded = plan(layout);
const servers: ServerHandle[] = [];
const contenders: Contender[] = [];
let results: Record<string, PathResult> = {};
try {
  if (wanted(args, 'floor')) {
    const dir = makeDataDir('floor');
    seedFloor(dir, seeded);
    const floor = await startServer('floor', dir, args, SCENARIO);
    servers.push(floor);
    contenders.push(await contender('floor', 'floor', floor, seeded, args.workers));
  }
  if (wanted(args, 'ours')) {
    // one server per path: sockets of both dialects in one conversation would each get every message
    const ours = await startOurs(layout, seeded, args, SCENARIO);
    servers.push(ours);
    contenders.push(await contender('graphql', 'graphql', ours, seeded, args.workers));
    const oursWs = await startOurs(layout, seeded, args, SCENARIO);
    servers.push(oursWs);
    contenders.push(await contender('graphql-ws', 'graphql-ws', oursWs, seeded, args.workers));
    if (args.legacy) {
      const oursLegacy = await startOurs(layout, seeded, args, SCENARIO);
      servers.push(oursLegacy);
      if (await legacyAvailable(oursLegacy, seeded.conversations[0]!)) contenders.push(await contender('legacy', 'legacy', oursLegacy, seeded, args.workers));
      else log('legacy chat socket not available on our server: skipped');
    }
  }
  results = await measureInterleaved(contenders, ratePlan);
} finally {
  for (const c of contenders) await c.conn.pool.close();
  for (const s of servers) await s.stop();
}

const kneeRate = (r?: PathResult) => r?.knee?.sentRate ?? null;
const summary: string[] = [];
for (const [name, r] of Object.entries(results)) {
  for (const f of r.fixed) summary.push(describe(`${name} @${f.offered}/s`, f));
  summary.push(
    `${name} knee: ${r.knee ? `${r.knee.sentRate} msg/s (p99 ${r.knee.p99} ms)` : 'below the first step'}${r.overKnee ? `; over at ${r.overKnee.offered}/s (p99 ${r.overKnee.p99} ms, loss ${r.overKnee.loss})` : '; search ceiling reached'}`,
  );
}
const ratios = {
  graphqlKnee: ratio(kneeRate(results.graphql), kneeRate(results.floor)),
  graphqlWsKnee: ratio(kneeRate(results['graphql-ws']), kneeRate(results.floor)),
  legacyKnee: ratio(kneeRate(results.legacy), kneeRate(results.floor)),
};
summary.push(`knee ratio ours/floor: graphql ${ratios.graphqlKnee ?? '-'}, graphql-ws ${ratios.graphqlWsKnee ?? '-'}, legacy ${ratios.legacyKnee ?? '-'}`);
emit(SCENARIO, { dms: DMS, users: 2 * DMS, fixedSeconds: fixedMs / 1000, kneeStepSeconds: ratePlan.kneeMs / 1000, p99LimitMs: 50, results, ratios }, summary);
