import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SendMessageIdDocument, StartConversationDocument } from './support/documents.js';
import { rssBytes, startChildServer, tail, WsProbe, type ChildServer } from './support/fuzz.js';
import { gqlOk } from './support/graphql.js';
import { dmName, legacyUser, type LegacyUser } from './support/legacy.js';

/**
 * A client that stops reading must not make the server hold an unbounded amount of memory for it.
 * WS_SEND_BUFFER_MAX_BYTES caps the bytes the server holds for one socket; a socket over it is closed at
 * once with 1013 ("slow consumer") and its queued frames are freed; every other subscriber keeps
 * receiving normally. Both dialects: graphql-ws and the legacy chat socket.
 *
 * How "over the cap" is told from outside: the bytes the server wrote to the paused socket since it
 * paused (a lower bound: frames the active subscriber received were written to the paused socket in the
 * same loop, each at least the message's length), minus what the kernel holds for that connection
 * (the server side's send queue and the client side's receive queue, from /proc/net/tcp), is what the
 * server process itself holds. The server side of the connection must leave ESTABLISHED within
 * CUT_WITHIN_MS of that passing the cap. The server runs as a child process: the RSS is its own.
 */

const CAP = 262_144;
const CUT_WITHIN_MS = 3000;
const RSS_BOUND = 150 * 1024 * 1024;
const MAX_SEND_MS = 30_000;

let server: ChildServer;
let alice: LegacyUser;
let bob: LegacyUser;
let room: string;
const probes = new Set<WsProbe>();

// A server of its own for each test: a paused socket the server never cut off would otherwise keep
// growing it during the next test, and an RSS grown once does not shrink back.
beforeEach(async () => {
  server = await startChildServer('slow-consumer', {
    WS_SEND_BUFFER_MAX_BYTES: String(CAP),
    // no pings: a paused client answers none, and only the cap may cut it off here
    WS_PING_INTERVAL_SECONDS: '0',
    MESSAGE_MAX_LENGTH: '65536',
    // A heap limit, as a deployment sets one: V8 then collects the garbage 60 kB messages leave behind
    // instead of letting the heap grow into the machine's 24 GiB (Node 24 grew +155 MB of garbage here
    // without it), so the RSS tells what the server holds. Frames queued for a socket are Buffers outside
    // this heap: a server that kept them would still pass the bound (checked with the cap lifted).
    NODE_OPTIONS: '--max-old-space-size=192',
  });
  alice = await legacyUser(server, 'alice');
  bob = await legacyUser(server, 'bob');
  await gqlOk(server, StartConversationDocument, { usernames: [bob.username] }, alice.access);
  room = dmName(alice, bob);
}, 90_000);

afterEach(async () => {
  for (const p of probes) p.ws.terminate();
  await Promise.all([...probes].map((p) => p.closeWithin(2000)));
  probes.clear();
  await server?.close();
}, 60_000);

function probe(url: string, protocols?: string): WsProbe {
  const p = new WsProbe(url, protocols);
  probes.add(p);
  return p;
}

// ---------------------------------------------------------------------------------------------------
// The kernel's view of a connection

interface TcpEntry {
  state: number;
  txQueue: number;
  rxQueue: number;
}

const ESTABLISHED = 0x01;

/** The IPv4 TCP socket 127.0.0.1:`localPort` ↔ 127.0.0.1:`remotePort`, from /proc/net/tcp (null: gone). */
function tcpEntry(localPort: number, remotePort: number): TcpEntry | null {
  const hex = (port: number) => `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f[1] !== hex(localPort) || f[2] !== hex(remotePort)) continue;
    const [tx = '0', rx = '0'] = (f[4] ?? '').split(':');
    return { state: parseInt(f[3] ?? '0', 16), txQueue: parseInt(tx, 16), rxQueue: parseInt(rx, 16) };
  }
  return null;
}

/** A paused client socket as seen from the outside, tracked while messages are sent. */
class PausedSocket {
  readonly clientPort: number;
  /** when the server's own share first passed the cap (lower bound), and when it cut the connection */
  capAt: number | null = null;
  cutAt: number | null = null;
  heldEstimate = 0;
  readonly pausedAt = Date.now();

  constructor(
    readonly name: string,
    readonly ws: WsProbe,
  ) {
    const socket = (ws.ws as unknown as { _socket: import('node:net').Socket })._socket;
    this.clientPort = socket.localPort ?? 0;
    socket.pause();
  }

  /** `written`: a lower bound of the bytes the server has written to this socket since it paused. */
  observe(written: number, now: number): void {
    if (this.cutAt !== null) return;
    const serverSide = tcpEntry(server.port, this.clientPort);
    if (serverSide === null || serverSide.state !== ESTABLISHED) {
      this.cutAt = now;
      return;
    }
    const clientSide = tcpEntry(this.clientPort, server.port);
    const inKernel = serverSide.txQueue + (clientSide?.rxQueue ?? 0);
    this.heldEstimate = written - inKernel;
    if (this.capAt === null && this.heldEstimate > CAP) this.capAt = now;
  }

  get lateBy(): number | null {
    if (this.capAt === null) return null;
    return (this.cutAt ?? Date.now()) - this.capAt;
  }

  /** Resumes reading: the server must have closed it (1013, or 1006 when the close frame could not be delivered). */
  async resumeAndAwaitClose(): Promise<{ code: number; reason: string } | null> {
    (this.ws.ws as unknown as { _socket: import('node:net').Socket })._socket.resume();
    // what is queued is read and dropped as it comes (the probe keeps messages: forget them)
    const timer = setInterval(() => this.ws.messages.splice(0), 50);
    const close = await this.ws.closeWithin(5000);
    clearInterval(timer);
    this.ws.messages.splice(0);
    return close;
  }
}

/**
 * Sends `count` messages as alice (stopping early only if the RSS bound is crossed or the time budget
 * runs out), watching each paused socket all along. `count` is chosen so that the frames for the paused
 * sockets alone would take the server past the RSS bound if it held them all: with the cap, the sending
 * goes on after the cut and the RSS must stay bounded (the queued frames were freed).
 */
async function sendWhileWatching(
  paused: PausedSocket[],
  content: (i: number) => string,
  delivered: () => number,
  bytesPerMessagePerSocket: number,
  count: number,
): Promise<{ sent: number; startRss: number; maxRss: number }> {
  const startRss = rssBytes(server.pid);
  let maxRss = startRss;
  let sent = 0;
  const started = Date.now();
  const CONCURRENCY = 4;
  while (sent < count && Date.now() - started < MAX_SEND_MS) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, count - sent) }, (_, k) => sent + k);
    await Promise.all(
      batch.map((i) =>
        gqlOk(server, SendMessageIdDocument, { conversation: room, content: content(i) }, alice.access),
      ),
    );
    sent += batch.length;
    const now = Date.now();
    maxRss = Math.max(maxRss, rssBytes(server.pid));
    for (const p of paused) p.observe(delivered() * bytesPerMessagePerSocket, now);
    if (maxRss - startRss > RSS_BOUND) break;
  }
  return { sent, startRss, maxRss };
}

function verdict(paused: PausedSocket[], run: { sent: number; startRss: number; maxRss: number }): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return [
    `sent ${run.sent} messages; server RSS ${mb(run.startRss)} → max ${mb(run.maxRss)} (+${mb(run.maxRss - run.startRss)}, bound +${mb(RSS_BOUND)})`,
    ...paused.map(
      (p) =>
        `${p.name}: ${p.capAt === null ? 'never estimated over the cap' : `over the cap (${CAP} B) ${p.capAt - p.pausedAt} ms after pausing`}, ${p.cutAt === null ? `NOT cut (server still holds ≥ ${mb(p.heldEstimate)} for it)` : p.lateBy === null ? 'cut before the cap could be seen passed from outside' : `cut ${p.lateBy} ms after passing the cap`}`,
    ),
  ].join('\n');
}

describe('a client that stops reading (WS_SEND_BUFFER_MAX_BYTES)', () => {
  it(
    'graphql-ws: a paused connection with 50 messageAdded subscriptions is closed (1013) once over the cap; the RSS stays bounded; an active subscriber gets every message',
    async () => {
      const SUBSCRIPTIONS = 50;
      // sent in raw graphql-ws frames on a socket that stops reading: the frame text is written out here
      const query = `subscription A($c: String!) { messageAdded(conversation: $c) { id content sender { username } } }`;
      const open = async (token: string, ids: string[]) => {
        const ws = probe(`${server.wsUrl}/graphql`, 'graphql-transport-ws');
        await ws.opened;
        ws.ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
        const ack = await ws.next(5000);
        expect(ack?.text).toBe('{"type":"connection_ack"}');
        for (const id of ids) ws.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables: { c: room } } }));
        return ws;
      };
      const slow = await open(bob.access, Array.from({ length: SUBSCRIPTIONS }, (_, i) => `s${i}`));
      const active = await open(alice.access, ['active']);

      // the subscriptions are live once a message reaches all of them (graphql-ws does not say when)
      const contentsOf = (ws: WsProbe) => ws.messages.map((m) => (JSON.parse(m.text) as { payload?: { data?: { messageAdded?: { content?: string } } } }).payload?.data?.messageAdded?.content);
      for (let attempt = 0; ; attempt += 1) {
        if (attempt > 30) throw new Error(`subscriptions not live: slow got ${slow.messages.length}, active ${active.messages.length}`);
        await gqlOk(server, SendMessageIdDocument, { conversation: room, content: `warm-up ${attempt}` }, alice.access);
        const live = () => contentsOf(slow).filter((c) => c === `warm-up ${attempt}`).length === SUBSCRIPTIONS && contentsOf(active).includes(`warm-up ${attempt}`);
        if ((await slow.until(live, 500)) || (await active.until(live, 100))) break;
      }
      slow.messages.splice(0);
      active.messages.splice(0);

      const paused = new PausedSocket('graphql-ws connection', slow);
      const SIZE = 4000;
      const content = (i: number) => `m${String(i).padStart(6, '0')} `.padEnd(SIZE, 'x');
      const receivedByActive = () => active.messages.length;
      // 900 × 50 frames of 4 kB: 180 MB if the server held them all
      const run = await sendWhileWatching([paused], content, receivedByActive, SUBSCRIPTIONS * SIZE, 900);

      const report = verdict([paused], run);
      console.info(`[slow-consumer] graphql-ws:\n${report}`);
      // the active subscriber got every message (the messages of one batch are sent at once: any order among them)
      await active.until(() => active.messages.length >= run.sent, 30_000);
      const all = contentsOf(active).map((c) => c?.slice(0, 8));
      expect(all.length, 'messages the active subscriber received').toBe(run.sent);
      expect([...all].sort()).toEqual(Array.from({ length: run.sent }, (_, i) => content(i).slice(0, 8)));

      expect(paused.cutAt, `the paused socket was not closed\n${report}`).not.toBeNull();
      // a cut before the estimate from outside saw the cap passed is on time by definition
      expect(paused.lateBy ?? 0, `closed late\n${report}`).toBeLessThanOrEqual(CUT_WITHIN_MS);
      expect(run.maxRss - run.startRss, `server RSS growth\n${report}`).toBeLessThan(RSS_BOUND);
      const close = await paused.resumeAndAwaitClose();
      expect([1013, 1006], `close after resuming: ${JSON.stringify(close)}\n${report}`).toContain(close?.code);
      expect(server.alive(), tail(server.output())).toBe(true);
    },
    120_000,
  );

  it(
    'legacy ws/chat/: paused chat sockets are closed (1013) once over the cap; the RSS stays bounded; an active socket in the room gets every echo',
    async () => {
      const SOCKETS = 4;
      const SIZE = 60_000;
      const joined = async (token: string) => {
        const ws = probe(`${server.wsUrl}/ws/chat/${room}/?token=${token}`);
        await ws.opened;
        for (const type of ['online_user_list', 'last_50_messages', 'user_join']) {
          const frame = await ws.next(5000);
          expect(frame && (JSON.parse(frame.text) as { type: string }).type).toBe(type);
        }
        return ws;
      };
      const active = await joined(alice.access);
      const slowSockets: WsProbe[] = [];
      for (let i = 0; i < SOCKETS; i += 1) slowSockets.push(await joined(bob.access));
      // bob's joins may reach alice's socket as presence frames: only echoes are counted
      const echoes = () => active.messages.filter((m) => m.text.startsWith('{"type":"chat_message_echo"')).length;

      const paused = slowSockets.map((s, i) => new PausedSocket(`legacy chat socket ${i + 1}`, s));
      const content = (i: number) => `m${String(i).padStart(6, '0')} `.padEnd(SIZE, 'y');
      // 400 × 4 frames of 60 kB; the four sockets share each rendered frame (LiveFrames), so ~24 MB of
      // distinct bytes: here the cut is what fails without the cap, the RSS bound may hold
      const run = await sendWhileWatching(paused, content, echoes, SIZE, 400);

      const report = verdict(paused, run);
      console.info(`[slow-consumer] legacy:\n${report}`);
      await active.until(() => echoes() >= run.sent, 30_000);
      const got = active.messages
        .filter((m) => m.text.startsWith('{"type":"chat_message_echo"'))
        .map((m) => (JSON.parse(m.text) as { message: { content: string } }).message.content.slice(0, 8));
      expect(got.sort()).toEqual(Array.from({ length: run.sent }, (_, i) => content(i).slice(0, 8)));

      for (const p of paused) {
        expect(p.cutAt, `${p.name} was not closed\n${report}`).not.toBeNull();
        expect(p.lateBy ?? 0, `${p.name} closed late\n${report}`).toBeLessThanOrEqual(CUT_WITHIN_MS);
      }
      expect(run.maxRss - run.startRss, `server RSS growth\n${report}`).toBeLessThan(RSS_BOUND);
      for (const p of paused) {
        const close = await p.resumeAndAwaitClose();
        expect([1013, 1006], `${p.name}: close after resuming: ${JSON.stringify(close)}\n${report}`).toContain(close?.code);
      }
      expect(server.alive(), tail(server.output())).toBe(true);
    },
    120_000,
  );
});
