// Summarizes a .cpuprofile (from --cpu-prof): top functions by self time, and self time per package
// (node_modules/<pkg>, node internals, our src/). Usage: node bench/profile-top.mjs <file or run dir> [N]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

let file = process.argv[2];
// a run directory (bench/profiles/<scenario>-<server>-<time>/): take the largest profile, the main thread's
if (file && statSync(file).isDirectory()) {
  const dir = file;
  const profiles = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  profiles.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size);
  file = profiles[0] && join(dir, profiles[0]);
}
const top = Number(process.argv[3] ?? 25);
if (!file) {
  console.error('usage: node bench/profile-top.mjs <file.cpuprofile | bench/profiles/<run>/> [N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
// samples[i] took timeDeltas[i+1] (the delta to the next sample); close enough: use the delta itself
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function where(url) {
  if (!url) return '(native/vm)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node:internals';
  const src = url.indexOf('/src/');
  if (src !== -1) return `src/${url.slice(src + 5)}`;
  return url.replace(/^file:\/\//, '');
}

const fns = new Map();
const pkgs = new Map();
for (const [id, us] of selfUs) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const name = cf.functionName || '(anonymous)';
  const w = where(cf.url);
  const key = `${name}  ${w}${cf.url && !cf.url.includes('node_modules') ? `:${cf.lineNumber + 1}` : ''}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  const pkg = ['(idle)', '(garbage collector)', '(program)'].includes(name) ? name : w.startsWith('src/') ? 'src (ours)' : w;
  pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
}
const pct = (us) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nself time by package:`);
for (const [k, us] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(us)}  ${k}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${k}`);
