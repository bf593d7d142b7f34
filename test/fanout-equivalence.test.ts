import {
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSchema } from '../src/schema/index.js';
import { SubscriptionFanout } from '../src/server/subscription-fanout.js';
import { startConversation } from './support/chat.js';
import { gqlOk, registerUser, subscribe, wsClient, type GraphQLResponse, type Subscription, type TestUser } from './support/graphql.js';
import { startServer, type TestServer } from './support/server.js';
import { pngImage, uploadFile } from './support/upload.js';

/*
 * The shared fan-out against the stock graphql-js path, for EVERY field of the Subscription type, read
 * from the live schema. For each field a document selects everything it returns (every field of every
 * object type, recursively, depth-limited and cycle-safe), or only what is declared shareable; two
 * viewers of one conversation subscribe to it twice: the plain root field (the shared path) and the same
 * selection under an alias (the fan-out takes only unaliased root fields: graphql-js's own subscribe).
 * Events come from a third participant and from the viewers themselves, and for each viewer the shared
 * results must equal the stock results, event by event. With the full selection (Message.mine/read are
 * per viewer) each viewer gets a render of their own; with only shareable fields both viewers share ONE
 * render per event, which the test checks by counting the fan-out's executions.
 */

type Mode = 'full' | 'shareable';
type Data = Record<string, unknown>;

const schema = buildSchema();
const subscriptionType = schema.getSubscriptionType()!;
const ROOT_FIELDS = Object.keys(subscriptionType.getFields());
/** deep enough for every type a subscription returns (Message → sender → User), shallow enough to stop any cycle */
const MAX_DEPTH = 4;

const isShareable = (field: GraphQLField<unknown, unknown>) => field.extensions?.shareable === true;

/**
 * Fields left out of the compared documents: read live at render time, they may change between the
 * shared path's render and the stock path's (a user's last connection closing sets `lastSeenAt`). They
 * are per viewer (checked below), so the fan-out never shares them.
 */
const VOLATILE = new Set(['User.lastSeenAt']);

type Composite = GraphQLObjectType | GraphQLInterfaceType;

/** The object types a field of this type may return: itself, or an interface's implementations. */
const concrete = (type: Composite): GraphQLObjectType[] => (isInterfaceType(type) ? [...schema.getPossibleTypes(type)] : [type]);

/**
 * Every field of `type` (only shareable ones in that mode), objects expanded, a type never inside
 * itself; an interface as its own fields, `__typename` and one inline fragment per implementation.
 */
function selectionOf(type: Composite, mode: Mode, path: string[]): string | null {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (mode === 'shareable' && !isShareable(field)) continue;
    if (VOLATILE.has(`${type.name}.${field.name}`)) continue;
    const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    if (required.length > 0) throw new Error(`${type.name}.${field.name} has required arguments: give them values in this test`);
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) || isInterfaceType(named)) {
      if (path.includes(named.name) || path.length >= MAX_DEPTH) continue;
      const inner = expand(named, mode, [...path, named.name]);
      if (inner) parts.push(`${field.name} { ${inner} }`);
    } else throw new Error(`${type.name}.${field.name}: unions are not expanded by this test yet`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

function expand(type: Composite, mode: Mode, path: string[]): string | null {
  if (!isInterfaceType(type)) return selectionOf(type, mode, path);
  const own = selectionOf(type, mode, path);
  const fragments = concrete(type).map((t) => {
    const inner = selectionOf(t, mode, [...path, t.name]);
    return inner ? `... on ${t.name} { ${inner} }` : '';
  });
  return ['__typename', own ?? '', ...fragments].filter(Boolean).join(' ');
}

/** Fields ("Type.field") the selection of a root field reaches, for the checks on what the documents cover. */
function reachedFields(type: GraphQLNamedType, mode: Mode, path: string[], into: Set<string>): Set<string> {
  if (!isObjectType(type) && !isInterfaceType(type)) return into;
  for (const t of [type, ...(isInterfaceType(type) ? concrete(type) : [])]) {
    for (const field of Object.values(t.getFields())) {
      if (mode === 'shareable' && !isShareable(field)) continue;
      if (VOLATILE.has(`${t.name}.${field.name}`)) continue;
      into.add(`${t.name}.${field.name}`);
      const named = getNamedType(field.type);
      if ((isObjectType(named) || isInterfaceType(named)) && !path.includes(named.name) && path.length < MAX_DEPTH) reachedFields(named, mode, [...path, named.name], into);
    }
  }
  return into;
}

interface Documents {
  shared: string;
  stock: string;
  variables: Record<string, unknown>;
}

/** The two documents for a root field: `values` gives its arguments (a required one without a value fails the test). */
function documents(fieldName: string, mode: Mode, values: Record<string, unknown>): Documents {
  const field = subscriptionType.getFields()[fieldName]!;
  const defs: string[] = [];
  const uses: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) {
    if (arg.name in values) {
      defs.push(`$${arg.name}: ${arg.type.toString()}`);
      uses.push(`${arg.name}: $${arg.name}`);
      variables[arg.name] = values[arg.name];
    } else if (isNonNullType(arg.type)) {
      throw new Error(`Subscription.${fieldName}(${arg.name}) is required: the scenario must give it a value`);
    }
  }
  const type = getNamedType(field.type);
  if (!isObjectType(type) && !isInterfaceType(type)) throw new Error(`Subscription.${fieldName} does not return an object or interface type`);
  const inner = expand(type, mode, [type.name]);
  if (!inner) throw new Error(`Subscription.${fieldName} selects nothing in ${mode} mode`);
  const head = (suffix: string) => `subscription Eq_${fieldName}_${mode}_${suffix}${defs.length ? `(${defs.join(', ')})` : ''}`;
  const call = `${fieldName}${uses.length ? `(${uses.join(', ')})` : ''}`;
  return {
    shared: `${head('shared')} { ${call} { ${inner} } }`,
    stock: `${head('stock')} { stock: ${call} { ${inner} } }`,
    variables,
  };
}

let server: TestServer;
let ann: TestUser;
let bob: TestUser;
let cat: TestUser;
const clients: Client[] = [];
const subs: Subscription<Data>[] = [];

beforeAll(async () => {
  // signed file links change every half TTL: a long one keeps a boundary from falling between two renders
  server = await startServer({ FILE_URL_TTL_SECONDS: '100000000' });
  [ann, bob, cat] = [await registerUser(server, 'ann'), await registerUser(server, 'bob'), await registerUser(server, 'cat')];
});

afterAll(async () => {
  await Promise.all(subs.map((s) => s.close().catch(() => undefined)));
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.close();
});

// --- what users do ---------------------------------------------------------------------------------

/** A conversation of its own for each scenario: the viewers, the third participant, and one more user. */
async function freshGroup(tag: string): Promise<string> {
  const extra = await registerUser(server, tag);
  return (await startConversation(server, ann, [bob, cat, extra])).name;
}

async function send(user: TestUser, conversation: string, content: string): Promise<{ id: string; cursor: string }> {
  const data = await gqlOk<{ sendMessage: { id: string; cursor: string } }>(
    server,
    `mutation($c: String!, $t: String!) { sendMessage(conversation: $c, content: $t) { id cursor } }`,
    { c: conversation, t: content },
    user.access,
  );
  return data.sendMessage;
}

async function markRead(user: TestUser, conversation: string, upTo?: string): Promise<void> {
  await gqlOk(server, `mutation($c: String!, $u: ID) { markRead(conversation: $c, upTo: $u) { id } }`, { c: conversation, u: upTo ?? null }, user.access);
}

async function setTyping(user: TestUser, conversation: string, typing: boolean): Promise<void> {
  await gqlOk(server, `mutation($c: String!, $t: Boolean!) { setTyping(conversation: $c, typing: $t) }`, { c: conversation, t: typing }, user.access);
}

// --- the two paths, side by side -------------------------------------------------------------------

/** A viewer's two subscriptions: the shared path and the stock one. */
interface Pair {
  viewer: TestUser;
  shared: Subscription<Data>;
  stock: Subscription<Data>;
}

class Harness {
  readonly #clients = new Map<TestUser, Client>();

  constructor(
    readonly field: string,
    readonly docs: Documents,
  ) {}

  client(user: TestUser): Client {
    let c = this.#clients.get(user);
    if (!c) {
      c = wsClient(server, user.access);
      clients.push(c);
      this.#clients.set(user, c);
    }
    return c;
  }

  open(viewer: TestUser, path: 'shared' | 'stock'): Subscription<Data> {
    const sub = subscribe<Data>(this.client(viewer), path === 'shared' ? this.docs.shared : this.docs.stock, this.docs.variables);
    subs.push(sub);
    return sub;
  }

  /** Both subscriptions of a viewer, opened at once. */
  pair(viewer: TestUser): Pair {
    return { viewer, shared: this.open(viewer, 'shared'), stock: this.open(viewer, 'stock') };
  }

  /** An event as the path's root field gives it (the stock one is under the alias). */
  view(event: GraphQLResponse<Data>, path: 'shared' | 'stock') {
    const key = path === 'shared' ? this.field : 'stock';
    return {
      data: event.data?.[key] ?? null,
      errors: event.errors?.map((e) => ({ ...e, path: (e as { path?: unknown[] }).path?.slice(1) })),
    };
  }

  /** The next event of each path, which must be equal; returns it. */
  async same(pair: Pair): Promise<Data> {
    const [shared, stock] = await Promise.all([pair.shared.next(), pair.stock.next()]);
    const s = this.view(shared, 'shared');
    expect(s, `${pair.viewer.username}: shared result = stock result (${this.field})`).toEqual(this.view(stock, 'stock'));
    expect(s.errors, `${pair.viewer.username}: no errors (${this.field})`).toBeUndefined();
    return s.data as Data;
  }

  /** Compares event by event until (and including) the one `last` matches. */
  async sameUntil(pair: Pair, last: (d: Data) => boolean, max = 50): Promise<Data[]> {
    const seen: Data[] = [];
    for (let i = 0; i < max; i += 1) {
      const d = await this.same(pair);
      seen.push(d);
      if (last(d)) return seen;
    }
    throw new Error(`no closing event within ${max} events`);
  }

  /** Fires `probe` until every subscription has heard one (graphql-ws does not say when it is attached). */
  async primed(all: Subscription<Data>[], probe: () => Promise<unknown>): Promise<void> {
    const heard = new Set<Subscription<Data>>();
    const deadline = Date.now() + 15_000;
    while (heard.size < all.length) {
      if (Date.now() > deadline) throw new Error(`${heard.size} of ${all.length} subscriptions heard a probe`);
      await probe();
      await Promise.all(all.filter((s) => !heard.has(s)).map(async (s) => (await s.quiet(300)) || heard.add(s)));
    }
  }

  /** Drops a path's events up to (and including) the one `marker` matches, without comparing them. */
  async skipTo(sub: Subscription<Data>, path: 'shared' | 'stock', marker: (d: Data) => boolean): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      const v = this.view(await sub.next(), path);
      if (v.data && marker(v.data as Data)) return;
    }
    throw new Error('marker never came');
  }

  async skipAllTo(pairs: Pair[], marker: (d: Data) => boolean): Promise<void> {
    await Promise.all(pairs.flatMap((p) => [this.skipTo(p.shared, 'shared', marker), this.skipTo(p.stock, 'stock', marker)]));
  }

  async close(): Promise<void> {
    await Promise.all(subs.splice(0).map((s) => s.close().catch(() => undefined)));
  }
}

const content = (d: Data) => d.content as string;
const username = (d: Data) => (d.user as { username?: string } | null)?.username;

// --- a scenario per Subscription field --------------------------------------------------------------

interface Scenario {
  /** whether both viewers receive the same event objects (a conversation's stream) or each their own (a user's) */
  sharedItems: boolean;
  run(mode: Mode, tag: string): Promise<Harness>;
}

const scenarios: Record<string, Scenario> = {
  events: {
    sharedItems: true,
    async run(mode, tag) {
      // a named group (its changes are events too), of ann, bob, cat and an extra who comes and goes
      const extra = await registerUser(server, `${tag}x`);
      const group = (
        await gqlOk<{ createGroup: { name: string } }>(
          server,
          'mutation($t: String!, $u: [String!]!) { createGroup(title: $t, usernames: $u) { name } }',
          { t: `events ${tag}`.slice(0, 90), u: [bob.username, cat.username, extra.username] },
          ann.access,
        )
      ).createGroup.name;
      const h = new Harness('events', documents('events', mode, { conversation: group }));
      const pairs = [h.pair(ann), h.pair(bob)];
      await h.primed(
        pairs.flatMap((p) => [p.shared, p.stock]),
        () => send(cat, group, `probe-${tag}`),
      );
      await send(cat, group, `start-${tag}`);
      const message = (d: Data) => d.message as Data;
      await h.skipAllTo(pairs, (d) => content(message(d)) === `start-${tag}`);
      // one change at a time, each heard by every path before the next (a per-viewer field read at render
      // time, like Conversation.unreadCount, then reads the same state on both paths)
      const step = async (change: () => Promise<unknown>, kind: string) => {
        await change();
        for (const p of pairs) expect((await h.same(p)).__typename).toBe(kind);
      };
      const l1 = await send(cat, group, 'l1');
      for (const p of pairs) expect(content(message(await h.same(p)))).toBe('l1');
      await step(() => send(ann, group, 'l2'), 'MessageAddedEvent');
      await step(() => gqlOk(server, 'mutation($id: ID!) { editMessage(id: $id, content: "l1 edited") { id } }', { id: l1.id }, cat.access), 'MessageEditedEvent');
      await step(() => gqlOk(server, 'mutation($id: ID!) { addReaction(messageId: $id, emoji: "👍") { id } }', { id: l1.id }, ann.access), 'ReactionsChangedEvent');
      await step(() => gqlOk(server, 'mutation($id: ID!) { deleteMessage(id: $id) { id } }', { id: l1.id }, cat.access), 'MessageDeletedEvent');
      const manage = (mutation: string, variables: Record<string, unknown>) => () => gqlOk(server, mutation, { c: group, ...variables }, ann.access);
      await step(manage('mutation($c: String!, $u: String!) { removeParticipant(conversation: $c, username: $u) { id } }', { u: extra.username }), 'MembershipChangedEvent');
      await step(manage('mutation($c: String!, $u: [String!]!) { addParticipants(conversation: $c, usernames: $u) { id } }', { u: [extra.username] }), 'MembershipChangedEvent');
      await step(manage('mutation($c: String!, $t: String) { updateConversation(conversation: $c, title: $t) { id } }', { t: `renamed ${tag}`.slice(0, 90) }), 'ConversationUpdatedEvent');
      await step(manage('mutation($c: String!, $u: String!) { setAdmin(conversation: $c, username: $u, admin: true) { id } }', { u: bob.username }), 'ConversationUpdatedEvent');
      return h;
    },
  },

  messageAdded: {
    sharedItems: true,
    async run(mode, tag) {
      const group = await freshGroup(tag);
      const base = await send(cat, group, 'base');
      // a replay first, with read marks that make `read`/`readByAll` differ by viewer, and a file
      await send(ann, group, 'r1');
      const upload = await uploadFile(server, bob.access, { conversation: group, bytes: pngImage(2, 2), filename: 'dot.png', type: 'image/png', content: 'r2' });
      expect(upload.errors).toBeUndefined();
      const r3 = await send(cat, group, 'r3');
      await markRead(bob, group);
      await markRead(cat, group, r3.id);
      const h = new Harness('messageAdded', documents('messageAdded', mode, { conversation: group, after: base.cursor }));
      const pairs = [h.pair(ann), h.pair(bob)];
      for (const p of pairs) expect([await h.same(p), await h.same(p), await h.same(p)].map(content)).toEqual(['r1', 'r2', 'r3']);
      // every subscription has replayed and joined the live stream: now live messages
      await send(cat, group, 'l1');
      await send(ann, group, 'l2');
      await send(bob, group, 'l3');
      for (const p of pairs) {
        const live = [await h.same(p), await h.same(p), await h.same(p)];
        expect(live.map(content)).toEqual(['l1', 'l2', 'l3']);
        if (mode === 'full') expect(live.map((d) => d.mine)).toEqual([false, p.viewer === ann, p.viewer === bob]);
      }
      return h;
    },
  },

  notifications: {
    sharedItems: true,
    async run(mode, tag) {
      const group = await freshGroup(tag);
      const dm = (await startConversation(server, cat, [ann])).name;
      const h = new Harness('notifications', documents('notifications', mode, {}));
      const pairs = [h.pair(ann), h.pair(bob)];
      await h.primed(
        pairs.flatMap((p) => [p.shared, p.stock]),
        () => send(cat, group, `probe-${tag}`),
      );
      await send(cat, group, `start-${tag}`);
      await h.skipAllTo(pairs, (d) => content(d) === `start-${tag}`);
      await send(cat, group, 'n1');
      await send(ann, group, 'n2');
      await send(bob, group, 'n3');
      await send(cat, dm, 'n4 (ann and cat only)');
      await send(cat, group, `end-${tag}`);
      const isEnd = (d: Data) => content(d) === `end-${tag}`;
      expect((await h.sameUntil(pairs[0]!, isEnd)).map(content)).toEqual(['n1', 'n3', 'n4 (ann and cat only)', `end-${tag}`]);
      expect((await h.sameUntil(pairs[1]!, isEnd)).map(content)).toEqual(['n1', 'n2', `end-${tag}`]);
      return h;
    },
  },

  presence: {
    sharedItems: true,
    async run(mode, tag) {
      const group = await freshGroup(tag);
      const h = new Harness('presence', documents('presence', mode, { conversation: group }));
      // one at a time, each live (its snapshot came) before the next: both paths of a viewer see the same
      const pairs: Pair[] = [];
      for (const viewer of [ann, bob]) {
        const shared = h.open(viewer, 'shared');
        const first = h.view(await shared.next(), 'shared').data as Data;
        const stock = h.open(viewer, 'stock');
        expect(h.view(await stock.next(), 'stock').data, `${viewer.username}: snapshots`).toEqual(first);
        expect(first.kind).toBe('SNAPSHOT');
        pairs.push({ viewer, shared, stock });
      }
      const joinB = await h.same(pairs[0]!);
      expect([joinB.kind, username(joinB)]).toEqual(['JOIN', bob.username]);
      // the third participant comes and goes
      const catClient = wsClient(server, cat.access);
      clients.push(catClient);
      const catSub = subscribe<Data>(catClient, `subscription($c: String!) { presence(conversation: $c) { kind } }`, { c: group });
      expect((await catSub.next()).data?.presence).toEqual({ kind: 'SNAPSHOT' });
      for (const p of pairs) {
        const join = await h.same(p);
        expect([join.kind, username(join)]).toEqual(['JOIN', cat.username]);
      }
      await catSub.close();
      for (const p of pairs) {
        const leave = await h.same(p);
        expect([leave.kind, username(leave)]).toEqual(['LEAVE', cat.username]);
        expect((leave.online as { username: string }[]).map((u) => u.username).sort()).toEqual([ann.username, bob.username].sort());
      }
      return h;
    },
  },

  readReceipts: {
    sharedItems: true,
    async run(mode, tag) {
      const group = await freshGroup(tag);
      const h = new Harness('readReceipts', documents('readReceipts', mode, { conversation: group }));
      const pairs = [h.pair(ann), h.pair(bob)];
      await h.primed(
        pairs.flatMap((p) => [p.shared, p.stock]),
        async () => {
          await send(cat, group, 'probe');
          await markRead(bob, group);
        },
      );
      const start = await send(ann, group, 'start');
      await markRead(cat, group);
      await h.skipAllTo(pairs, (d) => username(d) === cat.username && d.lastReadMessageId === start.id);
      const x1 = await send(cat, group, 'x1');
      await markRead(ann, group);
      await markRead(bob, group);
      const x2 = await send(bob, group, 'x2');
      await markRead(ann, group, x2.id);
      await markRead(cat, group);
      for (const p of pairs) {
        const receipts = await h.sameUntil(p, (d) => username(d) === cat.username);
        expect(receipts.map((d) => [username(d), d.lastReadMessageId])).toEqual([
          [ann.username, x1.id],
          [bob.username, x1.id],
          [ann.username, x2.id],
          [cat.username, x2.id],
        ]);
      }
      return h;
    },
  },

  typing: {
    sharedItems: true,
    async run(mode, tag) {
      const group = await freshGroup(tag);
      const h = new Harness('typing', documents('typing', mode, { conversation: group }));
      const pairs = [h.pair(ann), h.pair(bob)];
      await h.primed(
        pairs.flatMap((p) => [p.shared, p.stock]),
        () => setTyping(cat, group, true),
      );
      await setTyping(cat, group, false);
      const catStops = (d: Data) => username(d) === cat.username && d.typing === false;
      await h.skipAllTo(pairs, catStops);
      await setTyping(ann, group, true);
      await setTyping(bob, group, true);
      await setTyping(cat, group, true);
      await setTyping(ann, group, false);
      await setTyping(cat, group, false);
      const shown = (d: Data) => `${username(d)}:${String(d.typing)}`;
      expect((await h.sameUntil(pairs[0]!, catStops)).map(shown)).toEqual([`${bob.username}:true`, `${cat.username}:true`, `${cat.username}:false`]);
      expect((await h.sameUntil(pairs[1]!, catStops)).map(shown)).toEqual([`${ann.username}:true`, `${cat.username}:true`, `${ann.username}:false`, `${cat.username}:false`]);
      return h;
    },
  },

  unreadCount: {
    sharedItems: false,
    async run(mode, tag) {
      const group = await freshGroup(tag);
      const h = new Harness('unreadCount', documents('unreadCount', mode, {}));
      // one at a time, each past its first total before the next
      const pairs: Pair[] = [];
      for (const viewer of [ann, bob]) {
        const shared = h.open(viewer, 'shared');
        const first = h.view(await shared.next(), 'shared').data as Data;
        const stock = h.open(viewer, 'stock');
        expect(h.view(await stock.next(), 'stock').data, `${viewer.username}: first totals`).toEqual(first);
        expect(first.conversationId).toBeNull();
        pairs.push({ viewer, shared, stock });
      }
      const [annPair, bobPair] = pairs as [Pair, Pair];
      await send(cat, group, 'u1');
      await send(ann, group, 'u2');
      await markRead(bob, group);
      await markRead(ann, group);
      await send(cat, group, 'u3');
      const annEvents = [await h.same(annPair), await h.same(annPair), await h.same(annPair)];
      const bobEvents = [await h.same(bobPair), await h.same(bobPair), await h.same(bobPair), await h.same(bobPair)];
      expect(annEvents.map((d) => d.conversationUnread)).toEqual([1, 0, 1]);
      expect(bobEvents.map((d) => d.conversationUnread)).toEqual([1, 2, 0, 1]);
      return h;
    },
  },
};

// --- the fan-out's executions, observed --------------------------------------------------------------

interface Execution {
  operation: string | undefined;
  item: unknown;
  /** rendered without a viewer (the shared context's knownViewer throws) */
  shared: boolean;
}

function recordExecutions(): { executions: () => Execution[]; restore: () => void } {
  const proto = SubscriptionFanout.prototype as unknown as { execute(args: ExecutionArgs): Promise<ExecutionResult> };
  const spy = vi.spyOn(proto, 'execute');
  return {
    executions: () =>
      spy.mock.calls.map(([args]) => {
        let shared = false;
        try {
          (args.contextValue as { knownViewer(): unknown }).knownViewer();
        } catch {
          shared = true;
        }
        return { operation: getOperationAST(args.document, args.operationName)?.name?.value, item: args.rootValue, shared };
      }),
    restore: () => spy.mockRestore(),
  };
}

describe('shared fan-out = stock graphql-js, for every Subscription field', () => {
  it('has a scenario for every field of the Subscription type', () => {
    expect(ROOT_FIELDS.length).toBeGreaterThan(0);
    expect(ROOT_FIELDS.filter((f) => !(f in scenarios))).toEqual([]);
  });

  it('selects per-viewer fields in the full documents and none in the shareable ones', () => {
    const full = new Set<string>();
    const shared = new Set<string>();
    for (const name of ROOT_FIELDS) {
      const type = getNamedType(subscriptionType.getFields()[name]!.type);
      reachedFields(type, 'full', [type.name], full);
      reachedFields(type, 'shareable', [type.name], shared);
    }
    expect(full).toContain('Message.mine');
    expect(full).toContain('Message.read');
    expect(full).toContain('Message.file');
    expect(full).toContain('FileInfo.url');
    expect(full).toContain('Message.reactions');
    expect(full).toContain('MessageEditedEvent.message');
    const perViewer = [...full].filter((f) => !shared.has(f));
    expect(perViewer.sort()).toEqual(['Conversation.muted', 'Conversation.online', 'Conversation.unreadCount', 'Message.mine', 'Message.read', 'Reaction.mine', 'User.blocked']);
    // the volatile fields left out of the documents are per viewer: never rendered once for several
    for (const name of VOLATILE) {
      const [typeName, fieldName] = name.split('.') as [string, string];
      expect(isShareable((schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName]!), name).toBe(false);
    }
  });

  for (const mode of ['full', 'shareable'] as const) {
    describe(`${mode} selection`, () => {
      for (const field of ROOT_FIELDS) {
        it(`${field}: each viewer's shared results equal the stock results, event by event`, async () => {
          const scenario = scenarios[field];
          if (!scenario) throw new Error(`no scenario for Subscription.${field}`);
          const recorder = recordExecutions();
          let h: Harness | undefined;
          try {
            h = await scenario.run(mode, `${field.slice(0, 8)}${mode[0]}`);
            const mine = recorder.executions().filter((e) => e.operation === `Eq_${field}_${mode}_shared`);
            expect(mine.length, 'the shared path rendered something').toBeGreaterThan(0);
            const perItem = new Map<unknown, number>();
            for (const e of mine) perItem.set(e.item, (perItem.get(e.item) ?? 0) + 1);
            const counts = [...perItem.values()];
            // does this document select a field that is not declared shareable (then the viewer is in the key)?
            const type = getNamedType(subscriptionType.getFields()[field]!.type);
            const perViewer = [...reachedFields(type, mode, [type.name], new Set())].some((f) => {
              const [typeName, fieldName] = f.split('.') as [string, string];
              return !isShareable((schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName]!);
            });
            if (!perViewer) {
              // one render key for both viewers, rendered without a viewer: one execution per event object
              // (the scenario checked that both viewers got these events: one execution served both)
              expect(mine.every((e) => e.shared)).toBe(true);
              expect(Math.max(...counts)).toBe(1);
            } else {
              // the viewer is in the key: one execution per viewer and event object, with the viewer
              expect(mine.some((e) => e.shared)).toBe(false);
              expect(Math.max(...counts)).toBeLessThanOrEqual(2);
              if (scenario.sharedItems) expect(counts).toContain(2);
            }
          } finally {
            recorder.restore();
            await h?.close();
          }
        }, 60_000);
      }
    });
  }
});
