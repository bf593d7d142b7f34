import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test/gql');

describe('test/gql (typed documents from codegen.ts)', () => {
  it('matches what `npm run codegen` generates from schema.graphql and the documents in test/', async () => {
    // Same config as the CLI, generated in memory (saveToFile=false); fails on schema or document errors too.
    const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as Types.FileOutput[];
    const expected = new Map(outputs.map((o) => [relative(root, join(root, o.filename)), o.content]));
    const committed = new Map(readdirSync(outDir).map((name) => [`test/gql/${name}`, readFileSync(join(outDir, name), 'utf8')]));
    const hint = 'test/gql is stale: run `npm run codegen` and commit test/gql/';
    expect([...committed.keys()].sort(), hint).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) expect(committed.get(file), `${hint} (${file} differs)`).toBe(content);
  });
});
