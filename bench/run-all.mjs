// npm run bench [-- --full] [-- --scenarios 1,3] [-- --cpu-prof] …
// Runs every scenario in turn (short by default, ~10 minutes in all; --full for the durations),
// keeps their JSON lines in bench/results/<time>.jsonl and prints the BENCHMARKS.md table.
import { spawnSync } from 'node:child_process';
import { mkdirSync, appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { table } from './table.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { full: { type: 'boolean', default: false }, scenarios: { type: 'string', default: '1,2,3,4,5,6' } },
  strict: false,
});
// everything but --scenarios goes to every scenario as written (--full, --cpu-prof, --only, --nice N, …)
const passThrough = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--scenarios') i++;
  else if (!argv[i].startsWith('--scenarios=')) passThrough.push(argv[i]);
}

/** short defaults: what fits a ~10-minute `npm run bench` */
const SCENARIOS = {
  1: { file: '1-dm-latency.ts', quick: ['--duration', '5'] },
  2: { file: '2-group-fanout.ts', quick: ['--duration', '4'] },
  3: { file: '3-idle-connections.ts', quick: [] },
  4: { file: '4-sustained-store.ts', quick: ['--duration', '20'] },
  5: { file: '5-history.ts', quick: ['--duration', '8'] },
  6: { file: '6-search.ts', quick: ['--messages', '200000', '--requests', '50'] },
};

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const out = join(root, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
const lines = [];
let failed = 0;
for (const id of String(values.scenarios).split(',')) {
  const s = SCENARIOS[id.trim()];
  if (!s) throw new Error(`no scenario ${id}`);
  const argv = ['--import', 'tsx', join('bench', 'scenarios', s.file), ...(values.full ? [] : s.quick), ...passThrough];
  console.error(`\n### node ${argv.join(' ')}`);
  const r = spawnSync(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    appendFileSync(out, `${line}\n`);
    lines.push(JSON.parse(line));
  }
  if (r.status !== 0) {
    failed++;
    console.error(`scenario ${id} exited with ${r.status}`);
  }
}
console.log(`\n${table(lines)}\n\nresults: ${out}`);
process.exit(failed ? 1 : 0);
