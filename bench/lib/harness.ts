import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { pinSelfToGeneratorCore } from './proc.js';
import { REPO_ROOT, type Profiling, type ServerKind } from './servers.js';

export interface BenchArgs {
  /** the full-length run the issue asks for (default: short) */
  full: boolean;
  /** override the scenario's main duration, seconds */
  duration: number | undefined;
  only: ServerKind | undefined;
  workers: number;
  legacy: boolean;
  profiling: Profiling;
  /** nice value for the server child and the generator (0: as started) */
  nice: number;
}

function kinds(v: string | undefined): ServerKind[] {
  if (v === undefined) return [];
  if (v === '' || v === 'ours') return ['ours'];
  if (v === 'floor') return ['floor'];
  if (v === 'both') return ['ours', 'floor'];
  throw new Error(`--cpu-prof/--prof take ours, floor or both (got ${v})`);
}

/** Flags every scenario takes; pins this process to the generator core. */
export function benchArgs(extra: NonNullable<ParseArgsConfig['options']> = {}): { args: BenchArgs; values: Record<string, string | boolean | undefined> } {
  // `--cpu-prof` alone means ours: accept it without a value
  const argv = process.argv.slice(2).map((a) => (a === '--cpu-prof' || a === '--prof' ? `${a}=ours` : a));
  const parsed = parseArgs({
    args: argv,
    options: {
      full: { type: 'boolean', default: false },
      duration: { type: 'string' },
      only: { type: 'string' },
      workers: { type: 'string', default: '2' },
      'no-legacy': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      prof: { type: 'string' },
      nice: { type: 'string', default: '0' },
      ...extra,
    },
    strict: true,
  });
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const only = values.only as string | undefined;
  if (only !== undefined && only !== 'ours' && only !== 'floor') throw new Error('--only takes ours or floor');
  commit();
  const nice = Number(values.nice);
  const pinned = pinSelfToGeneratorCore(nice);
  if (!pinned) console.error('warning: cannot pin (no taskset or one core): server and generator share cores');
  return {
    args: {
      full: values.full as boolean,
      duration: values.duration !== undefined ? Number(values.duration) : undefined,
      only,
      workers: Number(values.workers),
      legacy: !(values['no-legacy'] as boolean),
      profiling: { cpuProf: kinds(values['cpu-prof'] as string | undefined), prof: kinds(values.prof as string | undefined) },
      nice,
    },
    values,
  };
}

export function wanted(args: BenchArgs, kind: ServerKind): boolean {
  return args.only === undefined || args.only === kind;
}

export function machineNote(): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
  return `${cpus().length}x ${cpu.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, load ${load} at start; server on core 0, generator on core 1`;
}

let startCommit: string | undefined;

/** The commit (and whether src/ had uncommitted changes) when the scenario started. */
export function commit(): string {
  return (startCommit ??= readCommit());
}

function readCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${sha}+dirty-src` : sha;
  } catch {
    return 'unknown';
  }
}

/** ours ÷ floor, 3 significant digits (null when either is missing or the floor is 0). */
export function ratio(ours: number | null | undefined, floor: number | null | undefined): number | null {
  if (ours == null || floor == null || floor === 0) return null;
  return Number((ours / floor).toPrecision(3));
}

/** The scenario's one JSON line (stdout) and its human summary (stderr). */
export function emit(scenario: string, result: Record<string, unknown>, summary: string[]): void {
  const line = { scenario, date: new Date().toISOString(), commit: commit(), machine: machineNote(), ...result };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  process.stderr.write(`\n== ${scenario}\n${summary.map((s) => `   ${s}`).join('\n')}\n`);
}

export function log(msg: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}
