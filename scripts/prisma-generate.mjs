// Writes prisma/{sqlite,postgres}/schema.prisma from prisma/models.prisma and runs `prisma generate`
// for both. Prisma's CLI wants its native schema engine even for `generate`, which cannot be downloaded
// here; generation never runs it, so any existing file satisfies the check (see docs/decisions/002).
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { renderSchema, PROVIDERS } from './prisma-schemas.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const models = readFileSync(`${root}prisma/models.prisma`, 'utf8');
for (const provider of PROVIDERS) {
  const file = `${root}prisma/${provider}/schema.prisma`;
  writeFileSync(file, renderSchema(provider, models));
  execFileSync('npx', ['prisma', 'generate', '--schema', file], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
}
