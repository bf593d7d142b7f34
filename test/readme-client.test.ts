import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlOk } from './support/graphql.js';
import { startServer, type TestServer } from './support/server.js';

/**
 * The README's client snippets run as pasted: every ```ts block of "The client kit" section, in
 * order, as one script (node + tsx, as a user would run it), against a server with alice and bob.
 */
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const start = readme.indexOf('## The client kit');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const wsStart = readme.indexOf('## Connecting a graphql-ws client');
const wsBlock = /```ts\n([\s\S]*?)```/.exec(readme.slice(wsStart))?.[1] ?? '';
const dir = join(ROOT, '.test-data');
const script = join(dir, `readme-client-${process.pid}-${Date.now()}.mts`);

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  for (const username of ['alice', 'bob']) {
    await gqlOk(server, 'mutation ($u: String!) { register(username: $u, password: "correct horse battery") { access } }', { u: username });
  }
});

afterAll(async () => {
  rmSync(script, { force: true });
  rmSync(script.replace(/\.mts$/, '-ws.mts'), { force: true });
  await server?.close();
});

describe('README: the client kit', () => {
  it('has urql, Apollo and plain graphql-ws snippets that run as pasted', async () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    mkdirSync(dir, { recursive: true });
    writeFileSync(script, blocks.join('\n').replaceAll('http://localhost:8000', server.url));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, timeout: 60_000, env: { ...process.env, NODE_NO_WARNINGS: '1' } });
    expect(stdout).toContain('alice: still there?');
    expect(stdout).toMatch(/alice_bob: 0 unread/);
    expect(stdout).toContain('urql: still there?');
    expect(stdout).toContain('apollo: 1 conversation(s)');
    expect(stdout).toContain('apollo: still there?');
    expect(stdout).toMatch(/graphql-ws: \{"messageAdded":\{"id":"[0-9a-f-]{36}","cursor":"\w+","content":"still there\?"\}\}/);
  }, 90_000);

  it('has a graphql-ws snippet that runs in Node as pasted (it logs in and prints the next message)', async () => {
    expect(wsBlock).toContain("webSocketImpl: WebSocket");
    mkdirSync(dir, { recursive: true });
    const wsScript = script.replace(/\.mts$/, '-ws.mts');
    writeFileSync(wsScript, wsBlock.replaceAll('http://localhost:8000', server.url).replaceAll('ws://localhost:8000', server.wsUrl));
    const { access } = (await gqlOk(server, 'mutation { login(username: "bob", password: "correct horse battery") { access } }')).login as { access: string };
    await gqlOk(server, 'mutation { startConversation(usernames: ["alice"]) { id } }', {}, access);
    // bob keeps talking until the snippet has heard him
    const talking = setInterval(() => void gqlOk(server, 'mutation { sendMessage(conversation: "alice_bob", content: "are you there?") { id } }', {}, access).catch(() => undefined), 300);
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', wsScript], { cwd: ROOT, timeout: 60_000, env: { ...process.env, NODE_NO_WARNINGS: '1' } });
      expect(stdout).toMatch(/graphql-ws snippet: \{"id":"[0-9a-f-]{36}","content":"are you there\?","sender":\{"username":"bob"\}\}/);
    } finally {
      clearInterval(talking);
    }
  }, 90_000);
});
