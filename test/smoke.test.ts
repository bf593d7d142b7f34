import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlOk, registerUser, subscribe, wsClient } from './support/graphql.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('two users chatting live', () => {
  it('delivers a sent message to the other participant over graphql-ws', async () => {
    const alice = await registerUser(server, 'alice');
    const bob = await registerUser(server, 'bob');
    const name = [alice.username, bob.username].sort().join('_');
    const start = await gqlOk<{ startConversation: { name: string } }>(
      server,
      `mutation S($u: [String!]) { startConversation(usernames: $u) { name } }`,
      { u: [bob.username] },
      alice.access,
    );
    expect(start.startConversation.name).toBe(name);
    const client = wsClient(server, bob.access);
    const sub = subscribe<{ messageAdded: { content: string; sender: { username: string } } }>(
      client,
      `subscription M($c: String!) { presence(conversation: $c) { kind } }`,
      { c: name },
    );
    expect((await sub.next()).data).toEqual({ presence: { kind: 'SNAPSHOT' } });
    const msgs = subscribe<{ messageAdded: { content: string; sender: { username: string } } }>(
      client,
      `subscription M($c: String!) { messageAdded(conversation: $c, after: "${Buffer.from('m:0').toString('base64url')}") { content sender { username } } }`,
      { c: name },
    );
    await gqlOk(server, `mutation { sendMessage(conversation: "${name}", content: "hi bob") { id } }`, {}, alice.access);
    const event = await msgs.next();
    expect(event.data?.messageAdded).toEqual({ content: 'hi bob', sender: { username: alice.username } });
    await sub.close();
    await msgs.close();
    await client.dispose();
  });
});
