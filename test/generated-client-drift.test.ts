import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DB } from './support/server.js';

// The Prisma clients and Pothos types under src/db/generated are committed (Prisma's CLI cannot fetch
// its engines here, but `generate` runs offline; ADR 002). Regenerate them into a temp folder from
// the committed provider schemas and compare: a models.prisma change without `npm run prisma:generate`
// fails here. Not database-specific: runs in the sqlite project only.
const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const generated = join(root, 'src/db/generated');
const temp = mkdtempSync(join(tmpdir(), 'prisma-gen-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe.skipIf(TEST_DB !== 'sqlite')('generated Prisma clients', () => {
  it.each(['sqlite', 'postgres'])('%s client and types match a fresh `prisma generate`', async (provider) => {
    const out = join(temp, 'out');
    const schema = readFileSync(join(root, `prisma/${provider}/schema.prisma`), 'utf8').replaceAll('../../src/db/generated/', `${out}/`);
    mkdirSync(join(temp, provider), { recursive: true });
    writeFileSync(join(temp, provider, 'schema.prisma'), schema);
    await run(join(root, 'node_modules/.bin/prisma'), ['generate', '--schema', join(temp, provider, 'schema.prisma')], {
      cwd: root,
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
    const fresh = files(join(out, provider)).concat(provider === 'sqlite' ? [join(out, 'pothos-types.ts')] : []);
    const committed = files(join(generated, provider)).concat(provider === 'sqlite' ? [join(generated, 'pothos-types.ts')] : []);
    expect(fresh.map((f) => relative(out, f)).sort()).toEqual(committed.map((f) => relative(generated, f)).sort());
    for (const file of fresh) {
      const expected = readFileSync(join(generated, relative(out, file)), 'utf8');
      const actual = readFileSync(file, 'utf8').replaceAll(`${out}/`, '../../src/db/generated/');
      expect(actual, `${relative(out, file)} is stale: run npm run prisma:generate`).toBe(expected);
    }
  }, 120_000);
});
