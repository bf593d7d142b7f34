import { describe, expect } from 'vitest';
import { MessageAddedFromDocument, PresenceKindDocument, SendMessageDocument, StartConversationDocument } from './support/documents.js';
import { dmName, test } from './support/fixtures.js';
import { gqlOk, subscribe } from './support/graphql.js';

describe('two users chatting live', () => {
  test('delivers a sent message to the other participant over graphql-ws', async ({ server, make, sockets }) => {
    const alice = await make.user('alice');
    const bob = await make.user('bob');
    const name = dmName(alice, bob);
    const start = await gqlOk(server, StartConversationDocument, { usernames: [bob.username] }, alice.access);
    expect(start.startConversation.name).toBe(name);
    const client = sockets.graphql(bob.access);
    const sub = subscribe(client, PresenceKindDocument, { conversation: name });
    expect((await sub.next()).data).toEqual({ presence: { kind: 'SNAPSHOT' } });
    const msgs = subscribe(client, MessageAddedFromDocument, { conversation: name, after: Buffer.from('m:0').toString('base64url') });
    await gqlOk(server, SendMessageDocument, { conversation: name, content: 'hi bob' }, alice.access);
    const event = await msgs.next();
    expect(event.data?.messageAdded).toEqual({ content: 'hi bob', sender: { username: alice.username } });
    await sub.close();
    await msgs.close();
    await client.dispose();
  });
});
