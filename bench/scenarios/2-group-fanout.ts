// Scenario 2: group fan-out. One conversation with 100, then 1,000 members, every member subscribed
// (ours: messageAdded over graphql-ws, its senders sending the mutation over HTTP (`graphql`) or over
// their graphql-ws socket (`graphql-ws`), and the legacy chat socket; floor: its room), ten members
// sending at a rising event rate. Reported: deliveries/s and p99 at the knee (the highest rate whose
// p99 stays within budget with nothing lost: 50 ms, or 3× the contender's p99 at the lowest rate if
// that is higher), ours ÷ floor. One server per contender, side by side, steps alternating.
import { legacyAvailable } from '../lib/clients.js';
import { benchArgs, emit, log, ratio, wanted } from '../lib/harness.js';
import { geometric } from '../lib/measure.js';
import { plan, seedFloor, startOurs, type Seeded } from '../lib/seed.js';
import { makeDataDir, startServer, type ServerHandle } from '../lib/servers.js';
import { contender, describe, measureInterleaved, type Contender, type PathResult, type RatePlan } from '../lib/session.js';

const SCENARIO = '2-group-fanout';
const { args, values } = benchArgs({ members: { type: 'string', default: '100,1000' } });
const sizes = String(values.members).split(',').map(Number);
const SENDERS = 10;
const maxMembers = Math.max(...sizes);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const layout = { users: maxMembers, conversations: sizes.map(range) };
const seeded = plan(layout);
const only = (i: number): Seeded => ({ users: seeded.users, conversations: [seeded.conversations[i]!] });

const servers: ServerHandle[] = [];
const bySize: Record<string, Record<string, PathResult>> = {};
try {
  let floor: ServerHandle | undefined;
  let ours: ServerHandle | undefined;
  // one server per path: sockets of both dialects in one conversation would each get every message
  let oursLegacy: ServerHandle | undefined;
  let oursWs: ServerHandle | undefined;
  if (wanted(args, 'floor')) {
    const dir = makeDataDir('floor');
    seedFloor(dir, seeded);
    servers.push((floor = await startServer('floor', dir, args, SCENARIO)));
  }
  if (wanted(args, 'ours')) {
    servers.push((ours = await startOurs(layout, seeded, args, SCENARIO)));
    servers.push((oursWs = await startOurs(layout, seeded, args, SCENARIO)));
    if (args.legacy) servers.push((oursLegacy = await startOurs(layout, seeded, args, SCENARIO)));
  }
  const legacy = oursLegacy && (await legacyAvailable(oursLegacy, seeded.conversations[0]!));
  if (ours && !legacy) log('legacy chat socket not available on our server: skipped');
  for (const [i, members] of sizes.entries()) {
    const group = only(i);
    const sends = (_c: unknown, _m: unknown, index: number) => index < SENDERS;
    const contenders: Contender[] = [];
    try {
      if (floor) contenders.push(await contender(`floor`, 'floor', floor, group, args.workers, { sends }));
      if (ours) contenders.push(await contender(`graphql`, 'graphql', ours, group, args.workers, { sends }));
      if (oursWs) contenders.push(await contender(`graphql-ws`, 'graphql-ws', oursWs, group, args.workers, { sends }));
      if (oursLegacy && legacy) contenders.push(await contender(`legacy`, 'legacy', oursLegacy, group, args.workers, { sends }));
      // events/s: rising until p99 > 50 ms; deliveries/s = events/s × members
      const ratePlan: RatePlan = {
        fixed: [members >= 1000 ? 5 : 20],
        fixedMs: (args.duration ?? (args.full ? 30 : 4)) * 1000,
        knee: geometric(members >= 1000 ? 2 : 20, members >= 1000 ? 2000 : 10_000, 1.6),
        kneeMs: args.full ? 15_000 : 3_000,
        // 50 ms, or 3× the p99 at the lowest rate when that is already higher: reading 1,000 frames a
        // burst on one shared generator core can take longer than 50 ms even from the floor, and the
        // knee is where queueing starts, not where the machine's baseline lies
        p99LimitMs: (first) => Math.max(50, Math.round(3 * first.latencyMs.p99)),
        refineSteps: 3,
        // JIT warm-up at a real load: a cold server's first busy second says nothing about its knee
        warmUpRate: members >= 1000 ? 10 : 50,
        warmUpMs: 5000,
        drainMs: args.full ? 30_000 : 10_000,
      };
      log(`group of ${members}: ${contenders.map((c) => c.label).join(', ')}`);
      bySize[members] = await measureInterleaved(contenders, ratePlan);
    } finally {
      for (const c of contenders) await c.conn.pool.close();
    }
  }
} finally {
  for (const s of servers) await s.stop();
}

const summary: string[] = [];
const ratios: Record<string, number | null> = {};
for (const [members, results] of Object.entries(bySize)) {
  for (const [name, r] of Object.entries(results)) {
    for (const f of r.fixed) summary.push(describe(`${members} members ${name} @${f.offered} events/s`, f));
    summary.push(
      `${members} members ${name} knee (p99 budget ${r.p99LimitMs} ms): ${r.knee ? `${r.knee.sentRate} events/s = ${r.knee.deliveriesPerS} deliveries/s, p99 ${r.knee.p99} ms` : 'below the first step'}${r.overKnee ? `; over at ${r.overKnee.offered} events/s (p99 ${r.overKnee.p99} ms, loss ${r.overKnee.loss})` : '; search ceiling reached'}`,
    );
  }
  const floorKnee = results.floor?.knee?.deliveriesPerS;
  ratios[`graphql${members}`] = ratio(results.graphql?.knee?.deliveriesPerS, floorKnee);
  ratios[`graphqlWs${members}`] = ratio(results['graphql-ws']?.knee?.deliveriesPerS, floorKnee);
  ratios[`legacy${members}`] = ratio(results.legacy?.knee?.deliveriesPerS, floorKnee);
}
summary.push(`deliveries/s at the knee, ours/floor: ${Object.entries(ratios).map(([k, v]) => `${k} ${v ?? '-'}`).join(', ')}`);
emit(SCENARIO, { members: sizes, senders: SENDERS, results: bySize, ratios }, summary);
