import { connSpecs, type Path, type SpecOptions } from './clients.js';
import { log } from './harness.js';
import { mergeHistograms, percentiles, warmUp, runStep, withinBudget, type Percentiles, type StepResult } from './measure.js';
import { LoadPool } from './pool.js';
import type { Seeded } from './seed.js';
import type { ServerHandle } from './servers.js';

/** A step as it goes into the JSON line. */
export interface StepLine {
  offered: number;
  sentRate: number;
  skipped: number;
  deliveriesPerS: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  ackP50: number;
  ackP99: number;
  loss: number;
  dups: number;
  outOfOrder: number;
  senderOutOfOrder: number;
  errors: number;
  serverCpuPct: number;
  generatorCpuPct: number;
  serverRssMiB: number;
  errorSamples?: string[];
}

export function stepLine(s: StepResult): StepLine {
  return {
    offered: s.offeredRate,
    sentRate: s.sentRate,
    skipped: s.skipped,
    deliveriesPerS: s.deliveriesPerS,
    p50: s.latencyMs.p50,
    p99: s.latencyMs.p99,
    p999: s.latencyMs.p999,
    max: s.latencyMs.max,
    ackP50: s.ackMs.p50,
    ackP99: s.ackMs.p99,
    loss: s.loss,
    dups: s.dups,
    outOfOrder: s.outOfOrder,
    senderOutOfOrder: s.senderOutOfOrder,
    errors: s.sendErrors,
    serverCpuPct: s.serverCpuPct,
    generatorCpuPct: s.generatorCpuPct,
    serverRssMiB: s.serverRssMiB,
    ...(s.errorSamples.length ? { errorSamples: s.errorSamples } : {}),
  };
}

export function describe(label: string, s: StepLine): string {
  return `${label}: offered ${s.offered}/s sent ${s.sentRate}/s delivered ${s.deliveriesPerS}/s p50 ${s.p50} p99 ${s.p99} p99.9 ${s.p999} ms, loss ${s.loss} dup ${s.dups} ooo ${s.outOfOrder}/${s.senderOutOfOrder} err ${s.errors}, cpu server ${s.serverCpuPct}% gen ${s.generatorCpuPct}%`;
}

export interface Connected {
  pool: LoadPool;
  connections: number;
  handshake: Percentiles;
  wallMs: number;
  failed: number;
}

export async function connect(path: Path, server: ServerHandle, seeded: Seeded, workers: number, spec: SpecOptions = {}, concurrency = 64): Promise<Connected> {
  const pool = new LoadPool(workers);
  const specs = connSpecs(path, server, seeded, spec);
  const opened = await pool.open(specs, concurrency);
  const failed = opened.reduce((a, o) => a + o.failed, 0);
  if (failed > 0) log(`${path}: ${failed} of ${specs.length} connections failed: ${opened.flatMap((o) => o.errors).slice(0, 3).join(' | ')}`);
  return {
    pool,
    connections: specs.length - failed,
    failed,
    handshake: percentiles(mergeHistograms(opened.map((o) => o.handshake))),
    wallMs: Math.max(...opened.map((o) => o.wallMs)),
  };
}

export interface RatePlan {
  /** fixed offered rates, measured in full (e.g. 100 and 1,000 msg/s) */
  fixed: number[];
  fixedMs: number;
  /** knee search rates, ascending */
  knee: number[];
  kneeMs: number;
  /** the knee's latency budget, given the contender's first (lowest-rate) knee step */
  p99LimitMs(first: StepResult): number;
  /** bisections between the last rate within budget and the first over it (default 0) */
  refineSteps?: number;
  warmUpRate: number;
  /** how long the warm-up runs (default 1.5 s): long enough for V8 to optimize the hot paths of a big server */
  warmUpMs?: number;
  drainMs: number;
}

export interface PathResult {
  path: Path;
  connections: number;
  handshake: Percentiles;
  warmUp: StepLine;
  fixed: StepLine[];
  knee: StepLine | null;
  overKnee: StepLine | null;
  kneeSteps: number;
  p99LimitMs: number | null;
}

/** One path of one server, connected and ready to be measured. */
export interface Contender {
  label: string;
  path: Path;
  server: ServerHandle;
  conn: Connected;
}

export async function contender(label: string, path: Path, server: ServerHandle, seeded: Seeded, workers: number, spec: SpecOptions = {}): Promise<Contender> {
  const conn = await connect(path, server, seeded, workers, spec);
  log(`${label}: ${conn.connections} connections in ${Math.round(conn.wallMs)} ms (handshake p50 ${conn.handshake.p50} p99 ${conn.handshake.p99} ms)`);
  return { label, path, server, conn };
}

/**
 * Measures every contender at each rate in turn (floor step, ours step, floor step, …) so the noise of
 * a shared machine lands on all of them alike: warm-up, the fixed rates, then the knee search, where a
 * contender drops out at its first step over budget.
 */
export async function measureInterleaved(contenders: Contender[], plan: RatePlan): Promise<Record<string, PathResult>> {
  const out: Record<string, PathResult> = {};
  for (const c of contenders) {
    const warm = stepLine(await warmUp(c.conn.pool, c.server.pid, plan.warmUpRate, plan.warmUpMs));
    log(describe(`${c.label} warm-up`, warm));
    out[c.label] = { path: c.path, connections: c.conn.connections, handshake: c.conn.handshake, warmUp: warm, fixed: [], knee: null, overKnee: null, kneeSteps: 0, p99LimitMs: null };
  }
  for (const rate of plan.fixed) {
    for (const c of contenders) {
      const s = stepLine(await runStep(c.conn.pool, c.server.pid, { rate, durationMs: plan.fixedMs, drainMs: plan.drainMs }));
      log(describe(`${c.label} fixed`, s));
      out[c.label]!.fixed.push(s);
    }
  }
  // a miss is re-run once before it counts: a shared machine stalls a process for tens of ms now and then
  const measure = async (c: Contender, rate: number, label: string): Promise<StepResult> => {
    const r = out[c.label]!;
    let step = await runStep(c.conn.pool, c.server.pid, { rate, durationMs: plan.kneeMs, drainMs: plan.drainMs });
    log(describe(`${c.label} ${label}`, stepLine(step)));
    r.kneeSteps++;
    const limit = (r.p99LimitMs ??= plan.p99LimitMs(step));
    if (!withinBudget(step, limit) && step.sentRate >= step.offeredRate * 0.95 && step.loss === 0) {
      step = await runStep(c.conn.pool, c.server.pid, { rate, durationMs: plan.kneeMs, drainMs: plan.drainMs });
      log(describe(`${c.label} ${label} (again)`, stepLine(step)));
      r.kneeSteps++;
    }
    return step;
  };
  let active = [...contenders];
  for (const rate of plan.knee) {
    if (active.length === 0) break;
    for (const c of active) {
      const step = await measure(c, rate, 'knee step');
      const r = out[c.label]!;
      if (withinBudget(step, r.p99LimitMs!)) r.knee = stepLine(step);
      else {
        r.overKnee = stepLine(step);
        active = active.filter((a) => a !== c);
      }
    }
  }
  // Then between the last rate within budget and the first over it, bisect (geometric mean) a few
  // times, contenders still alternating: the coarse grid alone would only give ratios of 1.5^-k.
  for (let i = 0; i < (plan.refineSteps ?? 0); i++) {
    for (const c of contenders) {
      const r = out[c.label]!;
      if (!r.knee || !r.overKnee) continue;
      const rate = Math.round(Math.sqrt(r.knee.offered * r.overKnee.offered));
      if (rate <= r.knee.offered || rate >= r.overKnee.offered) continue;
      const step = await measure(c, rate, 'knee refine');
      if (withinBudget(step, r.p99LimitMs!)) r.knee = stepLine(step);
      else r.overKnee = stepLine(step);
    }
  }
  return out;
}
