import * as hdr from 'hdr-histogram-js';
import { now, sleep } from './clock.js';
import type { Collected, LoadPool } from './pool.js';
import { CpuMeter, rssMiB } from './proc.js';

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

export interface StepResult {
  offeredRate: number;
  durationS: number;
  sent: number;
  sentRate: number;
  /** open-loop sends skipped: too many unanswered (the server is far behind) */
  skipped: number;
  sendErrors: number;
  expected: number;
  deliveries: number;
  deliveriesPerS: number;
  loss: number;
  dups: number;
  /** deliveries against the server's commit order (ours: cursor seq; floor: seq) */
  outOfOrder: number;
  /** a sender's messages out of its sending order: meaningful over a socket, expected over concurrent HTTP requests */
  senderOutOfOrder: number;
  /** send (intended time) → deliver, ms */
  latencyMs: Percentiles;
  /** send → acknowledged (mutation response or own echo), ms */
  ackMs: Percentiles;
  serverCpuPct: number;
  generatorCpuPct: number;
  serverRssMiB: number;
  generatorMaxLagMs: number;
  errorSamples: string[];
}

const newHist = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });

export function mergeHistograms(encoded: string[]): hdr.Histogram {
  const total = newHist();
  for (const e of encoded) {
    const h = hdr.decodeFromCompressedBase64(e);
    total.add(h);
  }
  return total;
}

/** µs histogram → ms percentiles (3 decimals) */
export function percentiles(h: hdr.Histogram): Percentiles {
  const ms = (us: number) => Math.round(us) / 1000;
  return {
    count: h.totalCount,
    p50: ms(h.getValueAtPercentile(50)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
  };
}

let runCounter = 0;

export interface StepOptions {
  /** total offered messages/s (open loop); ignored in closed mode */
  rate: number;
  durationMs: number;
  mode?: 'open' | 'closed';
  /** closed loop: messages in flight per sender */
  window?: number;
  /** how long to wait for stragglers after the send window */
  drainMs?: number;
  /** called every second during the send window (RSS sampling) */
  onSecond?: () => void;
}

/**
 * Waits until the previous step's work is done: no request unanswered and no bench frame arriving for
 * half a second (an overloaded server may still be working through a backlog), at most `maxMs`.
 */
export async function settle(pool: LoadPool, maxMs = 30_000): Promise<void> {
  const until = now() + maxMs;
  let last = -1;
  while (now() < until) {
    const idle = await pool.all<{ inflight: number; framesSeen: number }>(() => ({ op: 'idle' }));
    const inflight = idle.reduce((a, x) => a + x.inflight, 0);
    const frames = idle.reduce((a, x) => a + x.framesSeen, 0);
    if (inflight === 0 && frames === last) return;
    last = frames;
    await sleep(500);
  }
}

/** One measured interval: every worker sends its share, then the receivers are drained and counted. */
export async function runStep(pool: LoadPool, serverPid: number, opts: StepOptions): Promise<StepResult> {
  await settle(pool);
  const run = ++runCounter;
  const totalSenders = pool.senders.reduce((a, b) => a + b, 0);
  const startAt = now() + 100;
  const serverCpu = new CpuMeter(serverPid);
  const generatorCpu = new CpuMeter(process.pid);
  const ticker = opts.onSecond ? setInterval(opts.onSecond, 1000) : undefined;
  await pool.all((i) => ({
    op: 'run',
    run,
    rate: totalSenders ? (opts.rate * pool.senders[i]!) / totalSenders : 0,
    durationMs: opts.durationMs,
    startAt,
    mode: opts.mode ?? 'open',
    window: opts.window,
  }));
  const serverCpuPct = serverCpu.lap();
  const generatorCpuPct = generatorCpu.lap();
  if (ticker) clearInterval(ticker);
  const serverRss = rssMiB(serverPid);
  const drainUntil = now() + (opts.drainMs ?? 10_000);
  let collected: Collected[];
  for (;;) {
    collected = await pool.all<Collected>(() => ({ op: 'collect' }));
    const s = summarize(collected);
    if ((s.inflight === 0 && s.unique >= s.expected) || now() > drainUntil) break;
    await sleep(100);
  }
  const s = summarize(collected);
  const durationS = opts.durationMs / 1000;
  return {
    offeredRate: opts.mode === 'closed' ? 0 : opts.rate,
    durationS,
    sent: s.sent,
    sentRate: Math.round(s.sent / durationS),
    skipped: s.skipped,
    sendErrors: s.sendErrors,
    expected: s.expected,
    deliveries: s.unique,
    deliveriesPerS: Math.round(s.unique / durationS),
    loss: Math.max(0, s.expected - s.unique),
    dups: s.dups,
    outOfOrder: s.ooo,
    senderOutOfOrder: s.senderOoo,
    latencyMs: percentiles(mergeHistograms(collected.map((c) => c.latency))),
    ackMs: percentiles(mergeHistograms(collected.map((c) => c.ackLatency))),
    serverCpuPct,
    generatorCpuPct,
    serverRssMiB: Math.round(serverRss * 10) / 10,
    generatorMaxLagMs: Math.round(Math.max(...collected.map((c) => c.counters.maxLagMs)) * 10) / 10,
    errorSamples: collected.flatMap((c) => c.counters.errorSamples).slice(0, 3),
  };
}

function summarize(collected: Collected[]) {
  const sentBy: Record<string, number> = {};
  let sendErrors = 0;
  let inflight = 0;
  let skipped = 0;
  for (const c of collected) {
    for (const [conv, n] of Object.entries(c.counters.sent)) sentBy[conv] = (sentBy[conv] ?? 0) + n;
    sendErrors += c.counters.sendErrors + c.counters.serverErrors;
    inflight += c.counters.inflight;
    skipped += c.counters.skipped;
  }
  let expected = 0;
  let unique = 0;
  let dups = 0;
  let ooo = 0;
  let senderOoo = 0;
  for (const c of collected) {
    for (const r of c.receivers) {
      expected += sentBy[r.conversation] ?? 0;
      unique += r.unique;
      dups += r.dups;
      ooo += r.seqOoo;
      senderOoo += r.senderOoo;
    }
  }
  const sent = Object.values(sentBy).reduce((a, b) => a + b, 0);
  return { sent, skipped, sendErrors, inflight, expected, unique, dups, ooo, senderOoo };
}

/** A step is within budget: p99 ≤ limit, nothing lost, no errors, and the generator kept the offered rate. */
export function withinBudget(step: StepResult, p99LimitMs: number): boolean {
  return (
    step.latencyMs.p99 <= p99LimitMs &&
    step.loss <= step.expected * 0.001 &&
    step.sendErrors === 0 &&
    step.sentRate >= step.offeredRate * 0.95
  );
}

export interface KneeResult {
  /** the highest rate within budget (null: not even the first) */
  knee: StepResult | null;
  /** the first rate over budget (null: the ceiling was reached within budget) */
  over: StepResult | null;
  steps: StepResult[];
}

/** Raises the offered rate step by step until a step is over budget (or the list ends). */
export async function kneeSearch(
  pool: LoadPool,
  serverPid: number,
  rates: number[],
  opts: { durationMs: number; p99LimitMs: number; drainMs?: number; log?: (s: StepResult) => void },
): Promise<KneeResult> {
  const steps: StepResult[] = [];
  let knee: StepResult | null = null;
  for (const rate of rates) {
    const step = await runStep(pool, serverPid, { rate, durationMs: opts.durationMs, drainMs: opts.drainMs });
    steps.push(step);
    opts.log?.(step);
    if (!withinBudget(step, opts.p99LimitMs)) return { knee, over: step, steps };
    knee = step;
  }
  return { knee, over: null, steps };
}

/** Rates from `from` multiplying by `factor` up to `to`. */
export function geometric(from: number, to: number, factor = 1.5): number[] {
  const out: number[] = [];
  for (let r = from; r <= to; r *= factor) out.push(Math.round(r));
  return out;
}

/**
 * Sends a little until every receiver has heard every sender (subscriptions are live, JIT warm), or
 * gives up after `tries`.
 */
export async function warmUp(pool: LoadPool, serverPid: number, rate: number, durationMs = 1500, tries = 4): Promise<StepResult> {
  let last: StepResult | undefined;
  for (let i = 0; i < tries; i++) {
    last = await runStep(pool, serverPid, { rate, durationMs, drainMs: 15_000 });
    if (last.loss === 0 && last.sendErrors === 0 && last.sent > 0) return last;
  }
  return last!;
}
