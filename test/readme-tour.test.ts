import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { describe, expect } from 'vitest';
import { GRAPHIQL_TOUR } from '../src/server/graphiql-tour.js';
import { serverTest } from './support/fixtures.js';
import { gql, type GraphQLResponse } from './support/graphql.js';
import type { Endpoint } from './support/server.js';
import { eventually, until } from './support/wait.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const tourStart = readme.indexOf('## GraphQL tour');
const README_TOUR = /```graphql\n([\s\S]*?)```/.exec(readme.slice(tourStart))?.[1] ?? '';

interface Ran {
  /** each query's and mutation's answer, by operation name */
  answers: Map<string, GraphQLResponse<Record<string, unknown>>>;
  /** what each subscription received, by operation name (still open until `close`) */
  events: Map<string, GraphQLResponse<Record<string, unknown>>[]>;
  /** alice's access token, as the Headers tab has it at the end */
  access: string | undefined;
  close(): Promise<void>;
}

/**
 * Runs a document's operations one by one, in order, as a user does in GraphiQL: the registrations and
 * logins without a header, everything after them with alice's token in the Headers tab (so over
 * graphql-ws in each operation's `extensions.headers`, as GraphiQL sends it, with an empty
 * connection_init). A placeholder `<alice's refresh>` or `<cursor of the last message you have>` is
 * what the user would paste from an earlier answer. Subscriptions stay open while the rest run.
 */
async function runTour(server: Endpoint, document: string): Promise<Ran> {
  const operations = parse(document).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const answers: Ran['answers'] = new Map();
  const events: Ran['events'] = new Map();
  const pasted = new Map<string, string>();
  let access: string | undefined;
  const clients: Client[] = [];
  const stops: (() => void)[] = [];
  for (const operation of operations) {
    const name = operation.name?.value ?? '';
    let text = print(operation);
    for (const [placeholder, value] of pasted) text = text.replaceAll(placeholder, value);
    expect(text, `${name}: a placeholder the tour never gave a value for`).not.toMatch(/"<[^>]*>"/);
    const anonymous = /^(Register|Login)/.test(name);
    if (operation.operation === 'subscription') {
      const client = createClient({ url: `${server.wsUrl}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
      clients.push(client);
      const received: GraphQLResponse<Record<string, unknown>>[] = [];
      events.set(name, received);
      const headers = access ? { Authorization: `Bearer ${access}` } : {};
      stops.push(
        client.subscribe<Record<string, unknown>>(
          { query: text, extensions: { headers } },
          { next: (r) => void received.push(r as GraphQLResponse<Record<string, unknown>>), error: (e) => void received.push({ errors: e as never }), complete: () => undefined },
        ),
      );
      // a person reads the screen before the next step; the test waits until the server has the subscription live
      await liveSubscriptions(server, stops.length, received);
      continue;
    }
    const res = await gql<Record<string, unknown>>(server, text, {}, anonymous ? undefined : access);
    expect(res.errors, `${name} answered errors`).toBeUndefined();
    answers.set(name, res);
    const data = res.data ?? {};
    const tokens = (data.register ?? data.login ?? data.refreshToken) as { access?: string; refresh?: string } | undefined;
    if (tokens && /Alice$|^Refresh$/.test(name)) {
      if (tokens.access) access = tokens.access;
      if (tokens.refresh) pasted.set("<alice's refresh>", tokens.refresh);
    }
    const sent = data.sendMessage as { cursor?: string; id?: string } | undefined;
    if (sent?.cursor) pasted.set('<cursor of the last message you have>', sent.cursor);
    if (sent?.id && !pasted.has('<id of the message you sent>')) pasted.set('<id of the message you sent>', sent.id);
    const group = data.createGroup as { name?: string } | undefined;
    if (group?.name) pasted.set('<name of the group>', group.name);
  }
  return {
    answers,
    events,
    access,
    close: async () => {
      stops.forEach((stop) => stop());
      await Promise.all(clients.map((c) => c.dispose()));
    },
  };
}

/** Waits until the server counts `n` live graphql-ws subscriptions (its /metrics), or `received` has a refusal. */
async function liveSubscriptions(server: Endpoint, n: number, received: GraphQLResponse<unknown>[]): Promise<void> {
  const live = async () => Number(/^chat_subscriptions\{transport="graphql-ws"\} (\d+)$/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0);
  await until(async () => received.some((r) => r.errors) || (await live()) >= n, { what: `${n} live subscriptions` });
}

const test = serverTest();
const corsTest = serverTest({ CORS_ORIGINS: 'https://app.example.com' });
// alice and bob of the README's tour are not GraphiQL's
const graphiqlTest = serverTest();

describe('the README tour', () => {
  test('runs top to bottom as pasted, subscriptions included', async ({ server }) => {
    expect(README_TOUR).toContain('mutation RegisterAlice');
    const ran = await runTour(server, README_TOUR);
    try {
      expect(ran.answers.get('StartConversation')?.data).toMatchObject({ startConversation: { name: 'alice_bob' } });
      expect(ran.answers.get('History')?.data).toMatchObject({ messages: { edges: [{ node: { content: 'hello' } }] } });
      expect(ran.answers.get('EditMessage')?.data).toMatchObject({ editMessage: { content: 'hello again' } });
      expect(ran.answers.get('React')?.data).toMatchObject({ addReaction: { reactions: [{ emoji: '👍', count: 1, mine: true }] } });
      expect(ran.answers.get('Reply')?.data).toMatchObject({ sendMessage: { replyTo: { content: 'hello again' } } });
      expect(ran.answers.get('CreateGroup')?.data).toMatchObject({ createGroup: { kind: 'GROUP', title: 'Trip', admins: [{ username: 'alice' }] } });
      expect(ran.answers.get('AddToGroup')?.data).toMatchObject({ addParticipants: { participants: [{ username: 'alice' }, { username: 'bob' }, { username: 'carol' }] } });
      expect(ran.answers.get('MakeAdmin')?.data).toMatchObject({ setAdmin: { admins: [{ username: 'alice' }, { username: 'bob' }] } });
      expect(ran.answers.get('RemoveFromGroup')?.data).toMatchObject({ removeParticipant: { participants: [{ username: 'alice' }, { username: 'bob' }] } });
      expect(ran.answers.get('LeaveGroup')?.data).toEqual({ leaveConversation: true });
      expect([...ran.events.keys()]).toEqual(['MessageAdded', 'Resume', 'Typing', 'Presence', 'ReadReceipts', 'UnreadCounts', 'Notifications', 'Events']);
      // every subscription was accepted: none answered an error (a refusal comes at once)
      await new Promise((r) => setTimeout(r, 300));
      for (const [name, received] of ran.events) expect(received.filter((r) => r.errors), name).toEqual([]);
      // and they are live: a message sent now reaches both messageAdded subscriptions (Resume: after the tour's "hello")
      await gql(server, 'mutation { sendMessage(conversation: "alice_bob", content: "and more") { id } }', {}, ran.access);
      await eventually(() => {
        expect(ran.events.get('MessageAdded')?.map((e) => e.data)).toMatchObject([{ messageAdded: { content: 'and more' } }]);
        expect(ran.events.get('Resume')?.map((e) => e.data)).toMatchObject([{ messageAdded: { content: 'and a reply' } }, { messageAdded: { content: 'and more' } }]);
        expect(ran.events.get('Events')?.map((e) => e.data)).toMatchObject([{ events: { __typename: 'MessageAddedEvent', message: { content: 'and more' } } }]);
      });
    } finally {
      await ran.close();
    }
  });
});

describe("GraphiQL's starting document", () => {
  graphiqlTest('runs top to bottom: the message sent reaches the subscription left running', async ({ server }) => {
    const ran = await runTour(server, GRAPHIQL_TOUR.replace(/mutation LoginAlice[\s\S]*?\n}\n/, ''));
    try {
      await eventually(() => expect(ran.events.get('Listen')?.map((e) => e.data)).toMatchObject([{ messageAdded: { content: 'hello bob', sender: { username: 'alice' } } }]));
      expect(ran.answers.get('History')?.data).toMatchObject({ messages: { edges: [{ node: { content: 'hello bob' } }] } });
      expect(ran.answers.get('RenameGroup')?.data).toEqual({ updateConversation: { title: 'Trip to Lisbon' } });
    } finally {
      await ran.close();
    }
    // a returning user logs in instead of registering
    const again = await runTour(server, GRAPHIQL_TOUR.replace(/mutation Register\w+[\s\S]*?\n}\n/g, ''));
    await again.close();
    expect(again.answers.get('SendMessage')?.data).toMatchObject({ sendMessage: { content: 'hello bob' } });
  });
});

describe('subscriptions over SSE, as the README shows them', () => {
  test('an event: next with the result as data', async ({ server, make }) => {
    const [alice, bob] = await make.users('alice', 'bob');
    const { name } = await make.conversation(alice, bob);
    const abort = new AbortController();
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      signal: abort.signal,
      headers: { authorization: `Bearer ${bob.access}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: `subscription { messageAdded(conversation: "${name}") { id content } }` }),
    });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const sender = setInterval(() => void gql(server, `mutation { sendMessage(conversation: "${name}", content: "over sse") { id } }`, {}, alice.access), 200);
    let text = '';
    try {
      while (!/event: next\ndata: .*over sse/.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
    } finally {
      clearInterval(sender);
      abort.abort();
    }
    const data = /event: next\ndata: (.*)\n/.exec(text)?.[1];
    expect(JSON.parse(data ?? 'null')).toMatchObject({ data: { messageAdded: { content: 'over sse' } } });
  });
});

describe('GET /schema.graphql', () => {
  corsTest('is the committed schema.graphql, revalidated by ETag, readable by an allowed origin', async ({ server }) => {
    const res = await fetch(`${server.url}/schema.graphql`, { headers: { origin: 'https://app.example.com' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(await res.text()).toBe(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'));
    const again = await fetch(`${server.url}/schema.graphql`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${server.url}/schema.graphql`, { method: 'POST' })).status).toBe(405);
  });
});
