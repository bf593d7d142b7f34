import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { describe, expect, it } from 'vitest';
import config from '../client/codegen.js';
import { TEST_DB } from './support/server.js';

// Not database-specific: runs in the sqlite project only.
const clientRoot = join(dirname(fileURLToPath(import.meta.url)), '../client');
const outDir = join(clientRoot, 'src/gql');

describe.skipIf(TEST_DB !== 'sqlite')('client/src/gql (the client package typed documents)', () => {
  it('matches what `npm run codegen` generates from schema.graphql and client/src/documents.ts', async () => {
    const outputs = (await generate({ ...config, cwd: clientRoot, silent: true }, false)) as Types.FileOutput[];
    const expected = new Map(outputs.map((o) => [relative(clientRoot, join(clientRoot, o.filename)), o.content]));
    const committed = new Map(readdirSync(outDir).map((name) => [`src/gql/${name}`, readFileSync(join(outDir, name), 'utf8')]));
    const hint = 'client/src/gql is stale: run `npm run codegen` and commit client/src/gql/';
    expect([...committed.keys()].sort(), hint).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) expect(committed.get(file), `${hint} (${file} differs)`).toBe(content);
  });
});
