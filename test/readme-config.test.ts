import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEST_DB } from './support/server.js';

// Every environment variable src/config.ts reads has a row in the README's configuration table.
const root = new URL('..', import.meta.url);
const config = readFileSync(new URL('src/config.ts', root), 'utf8');
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe.skipIf(TEST_DB !== 'sqlite')('README configuration table', () => {
  it('names every variable the server reads, with its default', () => {
    const schema = config.slice(config.indexOf('const envSchema'), config.indexOf('\n});', config.indexOf('const envSchema')));
    const names = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(30);
    const rows = new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
    expect(names.filter((n) => !rows.has(n))).toEqual([]);
  });
});
