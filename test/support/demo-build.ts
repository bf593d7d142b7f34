import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemo } from '../../scripts/build-demo.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INDEX = join(ROOT, 'dist/demo/index.html');
const LOCK = join(ROOT, 'dist/.demo-build-lock');

function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const path = join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}

function fresh(): boolean {
  try {
    const built = statSync(INDEX).mtimeMs;
    return built >= Math.max(newest(join(ROOT, 'demo')), newest(join(ROOT, 'client/src')), statSync(join(ROOT, 'scripts/build-demo.mjs')).mtimeMs);
  } catch {
    return false;
  }
}

/**
 * The server serves the demo from dist/demo, which `npm start` builds; tests run from source, so they
 * build it first when it is missing or older than its sources. One build at a time (the two vitest
 * projects run test files in parallel): a lock directory, waited on for at most a minute.
 */
export async function ensureDemoBuilt(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (fresh()) return;
    try {
      mkdirSync(join(ROOT, 'dist'), { recursive: true });
      mkdirSync(LOCK);
    } catch {
      if (Date.now() > deadline) throw new Error(`another demo build holds ${LOCK} for over a minute (remove it if stale)`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      if (!fresh()) await buildDemo();
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
