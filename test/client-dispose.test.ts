import { MessageAddedDocument } from '@chat-backend/client/documents';
import { describe, expect } from 'vitest';
import { chatClientFor, Collected } from './support/client-kit.js';
import { test } from './support/fixtures.js';

// Disposing a chat client must not fail however its socket stands. graphql-ws's own dispose awaits a
// reconnect in progress, and that reconnect fails with a close event (1000 "All Subscriptions Gone")
// once no subscription wants it: CI met it under load at the end of a token-expiry test.
describe('ChatClient.dispose', () => {
  test('resolves while a reconnect waits and its last subscription has stopped', async ({ server, make }) => {
    const [alice, bob] = await make.users('alice', 'bob');
    const { name } = await make.conversation(alice, bob);
    const bobClient = chatClientFor(server, bob, { reconnect: { baseMs: 600, maxMs: 600 } });
    const got = new Collected<string>();
    const stop = bobClient.subscribe(MessageAddedDocument, { conversation: name }, { next: (r) => got.push(String(r.data?.messageAdded.content)), error: got.fail });
    await until(() => bobClient.ws.connected);
    // the connection drops: graphql-ws waits (backoff) before it reconnects
    bobClient.ws.restart();
    await new Promise((r) => setTimeout(r, 150)); // the reconnect is now waiting out its backoff
    stop();
    await expect(bobClient.dispose()).resolves.toBeUndefined();
    expect(got.errors).toEqual([]);
  });
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('not connected within 5 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}
