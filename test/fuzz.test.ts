import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartConversationDocument } from './support/documents.js';
import { gqlOk } from './support/graphql.js';
import { api, dmName, legacyUser, type LegacyUser } from './support/legacy.js';
import {
  assertServing,
  bashQuote,
  controlQuery,
  fuzz,
  internalErrorsIn,
  leaksIn,
  problemsWith,
  startChildServer,
  tail,
  WsProbe,
  type ChildServer,
  type HttpAnswer,
} from './support/fuzz.js';
import {
  BAD_HEADER_CRASHER,
  EMPTY_FORM,
  encodeUri,
  graphqlRequests,
  graphqlWsSessions,
  isComplete,
  legacyFrames,
  legacyRestRequests,
  multipartRequests,
  rawHttpRequests,
  renderMultipart,
  renderRawHttp,
  wellFormed,
  type FuzzWorld,
  type GraphQLHttpRequest,
  type GraphqlWsAction,
  type GraphqlWsSession,
  type LegacyFrame,
  type LegacyRestRequest,
  type MultipartRequest,
  type RawHttpRequest,
} from './support/fuzz-inputs.js';
import { rawRequest } from './support/raw-http.js';
import { TEST_JWT_SECRET } from './support/server.js';

/**
 * Seeded, time-bounded property-based fuzzing of every way in: multipart and JSON bodies to /graphql,
 * the legacy REST routes, raw HTTP, the legacy chat socket (frames and connects) and graphql-ws,
 * against a server running as a child process (a crash is the process exiting; it is restarted on the
 * same database so the later properties still run, and the last test fails if it ever crashed).
 *
 * Each property has a default seed; FUZZ_SEED=<n> replays another (the seed is in every failure
 * message), FUZZ_TIME_LIMIT_MS changes the time each property may take (default 7 s), and
 * FUZZ_KEEP_GOING=1 collects every kind of failure (with reproductions) instead of stopping and
 * shrinking at the first. Findings already known are examples of their property, so they fail
 * deterministically (and first) until fixed: run with FUZZ_KEEP_GOING=1 to see what else breaks.
 */

const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS ?? 7000);
const TEST_TIMEOUT_MS = TIME_LIMIT_MS + 25_000;
const WS_FRAME_MAX_BYTES = 65536;
const MESSAGE_MAX_LENGTH = 4096;
const CLIENT_ID_MAX_LENGTH = 128;

let server: ChildServer;
let world: FuzzWorld;
let alice: LegacyUser;
let bob: LegacyUser;
let carol: LegacyUser;
/** a pair of their own for the legacy frame property, whose client ids nothing else uses */
let dave: LegacyUser;
let erin: LegacyUser;
const probes = new Set<WsProbe>();

/** What the runs of each property saw (printed at the end: how much of each space was reached). */
const stats = new Map<string, Map<string, number>>();
function tally(property: string, outcome: string): void {
  let counts = stats.get(property);
  if (!counts) stats.set(property, (counts = new Map()));
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
}

beforeAll(async () => {
  server = await startChildServer('fuzz', {
    WS_FRAME_MAX_BYTES: String(WS_FRAME_MAX_BYTES),
    MESSAGE_MAX_LENGTH: String(MESSAGE_MAX_LENGTH),
    CLIENT_ID_MAX_LENGTH: String(CLIENT_ID_MAX_LENGTH),
  });
  const users = await Promise.all(['alice', 'bob', 'carol', 'dave', 'erin'].map((p) => legacyUser(server, p)));
  [alice, bob, carol, dave, erin] = users as [LegacyUser, LegacyUser, LegacyUser, LegacyUser, LegacyUser];
  for (const [a, b] of [
    [alice, bob],
    [dave, erin],
  ] as const) {
    await gqlOk(server, StartConversationDocument, { usernames: [b.username] }, a.access);
  }
  // the refresh token the fuzzer plays with belongs to a session of its own: presented again after it was
  // rotated, it revokes its session (reuse detection), and alice's access token must stay good
  const spare = await api(server, 'POST', '/api/token/', { json: { username: alice.username, password: 'correct horse battery' } });
  const spareRefresh = (spare.json as { refresh: string }).refresh;
  world = { room: dmName(alice, bob), aliceId: alice.id, bobId: bob.id, carolName: carol.username, access: alice.access, refresh: spareRefresh };
}, 90_000);

afterAll(async () => {
  for (const [property, counts] of stats) {
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.info(`[fuzz] ${property} outcomes: ${top.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  }
  await Promise.all([...probes].map((p) => p.dispose()));
  if (server) {
    for (const crash of server.crashes) console.warn(`[fuzz] the server crashed (exit ${crash.exitCode ?? crash.signal}) and was restarted; its last output:\n${tail(crash.output, 25)}`);
    await server.close();
  }
}, 60_000);

/** Starts the server again if an earlier property crashed it (that property has failed already). */
async function ready(): Promise<void> {
  await server.ensureRunning();
}

function probe(url: string, protocols?: string | string[]): WsProbe {
  const p = new WsProbe(url, protocols);
  probes.add(p);
  void p.closed.then(() => probes.delete(p));
  return p;
}

const authHeader = (auth: string): Record<string, string> =>
  auth === 'valid' ? { authorization: `Bearer ${world.access}` } : auth === 'refresh' ? { authorization: `Bearer ${world.refresh}` } : auth === 'garbage' ? { authorization: 'Bearer garbage.token.here' } : {};

function failIf(problems: string[], what: string): void {
  if (problems.length > 0) throw new Error(`${problems.join('; ')}\n--- reproduction: ${what}`);
}

/** fetch with a bound; an answer, or a thrown error naming what happened (no answer within 5 s is a hang). */
async function send(url: string, init: RequestInit, repro: string): Promise<HttpAnswer> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  } catch (e) {
    const err = e as Error & { cause?: Error & { code?: string } };
    if (err.name === 'TypeError' && /header|ByteString/i.test(err.message)) fc.pre(false); // fetch itself refused to send it
    throw new Error(`no answer: ${err.name === 'TimeoutError' ? 'no response within 5 s (hang)' : `${err.message} (${err.cause?.code ?? err.cause?.message ?? ''})`}\n--- reproduction: ${repro}`);
  }
  const contentType = res.headers.get('content-type') ?? '';
  // streams (SSE, incremental delivery) stay open: their first chunk is what can be checked
  if (/event-stream|multipart\/mixed/.test(contentType)) {
    const reader = res.body?.getReader();
    let timer: NodeJS.Timeout | undefined;
    const first = reader
      ? await Promise.race([reader.read(), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 2000)))])
      : null;
    clearTimeout(timer);
    await reader?.cancel().catch(() => undefined);
    const body = first && !first.done ? Buffer.from(first.value).toString('utf8') : '';
    return { status: res.status, contentType: '', body };
  }
  try {
    return { status: res.status, contentType, body: await res.text() };
  } catch (e) {
    throw new Error(`the answer's body could not be read (${(e as Error).message}); status ${res.status}\n--- reproduction: ${repro}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// 1. Multipart bodies

describe('fuzz: multipart bodies', () => {
  it(
    'POST /graphql, /filesmessage/<room>/ and /register/ with random multipart bodies: no crash, no 5xx, no leak, JSON that parses',
    async () => {
      await ready();
      const check = async (m: MultipartRequest) => {
        const body = renderMultipart(m);
        const headers = { 'content-type': m.contentType, ...authHeader(m.auth) };
        const repro = `curl -sS ${server.url}${m.path} -H ${bashQuote(`content-type: ${m.contentType}`)}${m.auth === 'valid' ? " -H 'authorization: Bearer <valid access>'" : ''} --data-binary ${bashQuote(body)}`;
        const answer = await send(`${server.url}${m.path}`, { method: 'POST', headers, body: new Uint8Array(body) }, repro);
        tally('multipart', `${m.path.split('/')[1]} ${answer.status}`);
        failIf(problemsWith(answer, body.toString('latin1')), `${repro}\n--- answered ${answer.status}: ${answer.body.slice(0, 500)}`);
      };
      await fuzz(server, 'multipart', multipartRequests(world), check, {
        seed: 20261203,
        numRuns: 5000,
        timeLimitMs: TIME_LIMIT_MS,
        // the known crasher, verbatim: curl http://HOST/graphql -H 'content-type: multipart/form-data; boundary=B' --data-binary $'--B\r\nBad Header\r\n\r\nx\r\n--B--\r\n'
        examples: [BAD_HEADER_CRASHER, EMPTY_FORM],
      });
      await assertServing(server);
    },
    TEST_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------------
// 2. GraphQL over HTTP

describe('fuzz: GraphQL over HTTP', () => {
  it(
    'random JSON bodies, documents (valid and not), variables, batches and GET queries: no 5xx, no leak, no masked internal error',
    async () => {
      await ready();
      const check = async (r: GraphQLHttpRequest) => {
        const headers: Record<string, string> = { ...authHeader(r.auth) };
        if (r.contentType !== null) headers['content-type'] = r.contentType;
        if (r.accept !== null) headers.accept = r.accept;
        const url = r.method === 'GET' ? `${server.url}/graphql?${r.payload}` : `${server.url}/graphql`;
        const repro =
          r.method === 'GET'
            ? `curl -sS ${bashQuote(url)}${Object.entries(headers).map(([k, v]) => ` -H ${bashQuote(`${k}: ${k === 'authorization' ? v.replace(world.access, '<alice access>').replace(world.refresh, '<alice refresh>') : v}`)}`).join('')}`
            : `curl -sS ${url}${Object.entries(headers).map(([k, v]) => ` -H ${bashQuote(`${k}: ${k === 'authorization' ? v.replace(world.access, '<alice access>').replace(world.refresh, '<alice refresh>') : v}`)}`).join('')} --data-binary ${bashQuote(r.payload, 3000)}`;
        const answer = await send(url, { method: r.method, headers, ...(r.method === 'POST' ? { body: r.payload } : {}) }, repro);
        tally('graphql-http', `${r.method} ${answer.status}${answer.body.startsWith('{"data"') ? ' data' : ''}`);
        failIf(problemsWith(answer, r.payload), `${repro}\n--- answered ${answer.status}: ${answer.body.slice(0, 500)}`);
      };
      await fuzz(server, 'graphql-http', graphqlRequests(world), check, {
        seed: 20261204,
        numRuns: 5000,
        timeLimitMs: TIME_LIMIT_MS,
        examples: [
          { method: 'POST', auth: 'none', contentType: 'application/json', accept: null, payload: '{"query":"{ __typename }"}' },
          { method: 'GET', auth: 'valid', contentType: null, accept: null, payload: 'query=%7B%20me%20%7B%20id%20%7D%20%7D' },
          // known (2026-12-03): GET with a `variables` that is not JSON is masked as INTERNAL_SERVER_ERROR
          { method: 'GET', auth: 'none', contentType: null, accept: null, payload: 'query=%7B__typename%7D&variables=x' },
          // known (2026-12-03), PostgreSQL only: a NUL character in a message
          { method: 'POST', auth: 'valid', contentType: 'application/json', accept: null, payload: JSON.stringify({ query: 'mutation M($c: String!) { sendMessage(conversation: $c, content: "a\\u0000b") { id } }', variables: { c: world.room } }) },
        ],
      });
      await assertServing(server);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('fuzz: legacy REST', () => {
  it(
    'the old DRF routes with random JSON/form bodies, names, pages and tokens: no 5xx, no leak, JSON that parses',
    async () => {
      await ready();
      const check = async (r: LegacyRestRequest) => {
        const headers: Record<string, string> = { ...authHeader(r.auth) };
        if (r.contentType !== null) headers['content-type'] = r.contentType;
        const repro = `curl -sS -X ${r.method} ${bashQuote(`${server.url}${r.path}`)}${Object.entries(headers).map(([k, v]) => ` -H ${bashQuote(`${k}: ${k === 'authorization' ? v.replace(world.access, '<alice access>').replace(world.refresh, '<alice refresh>') : v}`)}`).join('')}${r.body === null ? '' : ` --data-binary ${bashQuote(r.body, 2000)}`}`;
        const answer = await send(`${server.url}${r.path}`, { method: r.method, headers, ...(r.body === null ? {} : { body: r.body }) }, repro);
        tally('legacy-rest', `${r.method} ${r.path.split(/[/?]/)[1]} ${answer.status}`);
        failIf(problemsWith(answer, `${r.path} ${r.body ?? ''}`), `${repro}\n--- answered ${answer.status}: ${answer.body.slice(0, 500)}`);
      };
      await fuzz(server, 'legacy-rest', legacyRestRequests(world), check, {
        seed: 20261209,
        numRuns: 5000,
        timeLimitMs: Math.min(TIME_LIMIT_MS, 6000),
        examples: [
          // known (2026-12-03), PostgreSQL only: a NUL character reaching a query
          { method: 'GET', path: '/users/?search=a%00', auth: 'valid', contentType: null, body: null },
          { method: 'POST', path: '/api/token/', auth: 'none', contentType: 'application/json', body: '{"username":"a\\u0000","password":"x"}' },
        ],
      });
      await assertServing(server);
    },
    TEST_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------------
// 3. Raw HTTP

describe('fuzz: raw HTTP', () => {
  it(
    'bad request lines, Host headers, lengths and chunking, odd methods and paths: every answer a valid status < 500, no leak',
    async () => {
      await ready();
      const check = async (r: RawHttpRequest) => {
        const bytes = renderRawHttp(r);
        const complete = isComplete(r);
        const exchange = await rawRequest(server.port, [bytes], {
          timeoutMs: complete ? 4000 : 700,
          halfClose: r.halfClose,
          expectResponses: r.pipelined !== null ? 2 : 1,
          firstIsHead: r.requestLine === null && r.method === 'HEAD',
        });
        tally('raw-http', `${exchange.responses.map((res) => res.status).join('+') || 'no answer'} (${exchange.ended})`);
        const repro = `printf %s ${bashQuote(bytes, 3000)} | nc 127.0.0.1 ${server.port}${r.halfClose ? ' (then half-close)' : ''}`;
        const problems: string[] = [];
        const head = r.requestLine === null && r.method === 'HEAD';
        for (const [i, res] of exchange.responses.entries()) {
          if (res.status === 101) break; // a WebSocket handshake: what follows is not HTTP
          const answer = { status: res.status, contentType: res.headers['content-type'] ?? '', body: res.body.toString('utf8') };
          problems.push(...problemsWith(answer, bytes.toString('latin1'), { head: head && i === exchange.responses.findIndex((x) => x.status >= 200) }).map((p) => `${res.statusLine}: ${p}`));
        }
        const upgraded = exchange.responses.some((res) => res.status === 101);
        if (!upgraded && exchange.trailing !== null && exchange.ended !== 'timeout') problems.push(`unparseable answer: ${JSON.stringify(exchange.trailing.slice(0, 200))}`);
        // (a client that half-closes may lose a slow answer: Node's http server aborts such requests, httpAllowHalfOpen=false)
        if (complete && exchange.responses.length === 0 && (exchange.ended === 'timeout' || !r.halfClose)) {
          problems.push(exchange.ended === 'timeout' ? 'a complete request got no answer within 4 s (hang)' : `a complete request got no answer (the connection ${exchange.ended === 'error' ? `failed: ${exchange.error}` : 'was closed'})`);
        }
        // no answer at all: the server may have died on this very request (its exit is seen a moment later)
        if (exchange.responses.length === 0 && !(await controlQuery(server).then(() => true, () => false))) {
          await server.exited(2000);
          problems.push(`the server stopped answering after this request${server.alive() ? '' : ' (the process exited)'}`);
        }
        failIf(problems, `${repro}\n--- answered: ${bashQuote(exchange.bytes, 600)}`);
      };
      const plain = { requestLine: null, method: 'GET', version: 'HTTP/1.1', casing: 'as-is', body: '', framing: 'none', pipelined: null, halfClose: false } as const;
      await fuzz(server, 'raw-http', rawHttpRequests(world, () => server.port), check, {
        seed: 20261205,
        numRuns: 5000,
        timeLimitMs: TIME_LIMIT_MS,
        examples: [
          // known (2026-12-03): a WebSocket upgrade whose target is no URL ends the process (new URL throws in the 'upgrade' listener)
          { ...plain, target: '//[', headers: [['Host', '127.0.0.1'], ['Connection', 'Upgrade'], ['Upgrade', 'websocket']] },
          // known (2026-12-03): a Host header that is no URL authority makes /graphql answer 500 with a stack trace
          { ...plain, target: '/graphql?query=%7B__typename%7D', headers: [['Host', 'bad host']] },
          // known (2026-12-03): an absolute-form target that is no URL is a 500
          { ...plain, target: 'http://[::1', headers: [['Host', '127.0.0.1']] },
        ],
      });
      await assertServing(server);
    },
    TEST_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------------
// 4. Legacy chat socket

/** A frame as sent, and what the server is to answer it with (a model of protocol.ts and the message rules). */
type Expected = { error: string } | { echo: string[] } | 'nothing' | 'read';

const characterCount = (s: string) => [...s].length;

/** contents sent with each client id, over all runs (a retry answers with whichever was stored first) */
const contentsByClientId = new Map<string, Set<string>>();

function frameBytes(frame: LegacyFrame): { data: Buffer; binary: boolean } {
  if (frame.kind === 'binary') return { data: Buffer.from(frame.text), binary: true };
  return { data: Buffer.from(frame.kind === 'json' ? (JSON.stringify(frame.value) ?? 'null') : frame.text), binary: false };
}

function expectedReply(frame: LegacyFrame): Expected {
  const { data, binary } = frameBytes(frame);
  if (data.length > WS_FRAME_MAX_BYTES) return { error: 'frame_too_large' };
  if (binary) return { error: 'invalid_json' };
  let value: unknown;
  try {
    // as the server decodes it: ws hands over the bytes, the server reads them as UTF-8
    value = JSON.parse(data.toString('utf8'));
  } catch {
    return { error: 'invalid_json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'invalid_json' };
  const f = value as Record<string, unknown>;
  if (f.type === undefined) return { error: 'missing_type' };
  if (typeof f.type !== 'string') return { error: 'invalid_type' };
  switch (f.type) {
    case 'chat_message': {
      if (typeof f.message !== 'string') return { error: 'invalid_message' };
      const clientId = f.client_id ?? null;
      if (clientId !== null && typeof clientId !== 'string') return { error: 'invalid_client_id' };
      // NUL is refused on both databases (PostgreSQL's text cannot hold it)
      if (f.message.includes('\u0000')) return { error: 'invalid_text' };
      if (characterCount(f.message) > MESSAGE_MAX_LENGTH) return { error: 'message_too_long' };
      if (f.message.trim().length === 0) return { error: 'empty_message' };
      if (clientId?.includes('\u0000')) return { error: 'invalid_text' };
      if (clientId && clientId.length > CLIENT_ID_MAX_LENGTH) return { error: 'invalid_client_id' };
      if (!clientId) return { echo: [f.message] };
      let known = contentsByClientId.get(clientId);
      if (!known) contentsByClientId.set(clientId, (known = new Set()));
      known.add(f.message);
      return { echo: [...known] };
    }
    case 'typing':
      return f.typing === true || f.typing === false || (typeof f.typing === 'string' && /^(true|false)$/i.test(f.typing)) ? 'nothing' : { error: 'invalid_typing' };
    case 'read_messages':
      return 'read';
    case 'authenticate':
      // a renewal token: any string the fuzzer makes is not a valid access token
      return typeof f.token !== 'string' || f.token === '' ? { error: 'invalid_token' } : { error: 'invalid' };
    default:
      return { error: 'unknown_type' };
  }
}

function describeFrame(frame: LegacyFrame): string {
  const { data, binary } = frameBytes(frame);
  return `${binary ? 'binary' : 'text'} frame ${bashQuote(data, 400)}`;
}

interface ParsedFrame {
  text: string;
  data: Record<string, unknown>;
}

/** The next server frame as JSON, or an error naming what came instead. */
async function nextJson(ws: WsProbe, timeoutMs = 5000): Promise<ParsedFrame | null> {
  const msg = await ws.next(timeoutMs);
  if (!msg) return null;
  if (msg.binary) throw new Error(`the server sent a binary frame: ${bashQuote(msg.text, 200)}`);
  try {
    return { text: msg.text, data: JSON.parse(msg.text) as Record<string, unknown> };
  } catch {
    throw new Error(`the server sent a frame that is not JSON: ${msg.text.slice(0, 200)}`);
  }
}

function checkFrameText(text: string): void {
  const leaks = leaksIn(text);
  if (leaks.length > 0) throw new Error(`a frame contains a ${leaks.join(', ')}: ${text.slice(0, 500)}`);
}

describe('fuzz: legacy chat socket', () => {
  it(
    'random frames on ws/chat/<room>/: each bad one gets an error frame, valid ones their echo, and the socket stays usable',
    async () => {
      await ready();
      const room = dmName(dave, erin);
      const check = async (frames: LegacyFrame[]) => {
        const ws = probe(`${server.wsUrl}/ws/chat/${room}/?token=${dave.access}`);
        try {
          await ws.opened;
          for (const type of ['online_user_list', 'last_50_messages', 'user_join']) {
            const f = await nextJson(ws);
            if (f?.data.type !== type) throw new Error(`connect sequence: expected ${type}, got ${f ? f.text.slice(0, 200) : `close ${JSON.stringify(ws.closeInfo)}`}`);
          }
          const expected = frames.map(expectedReply);
          for (const frame of frames) {
            const { data, binary } = frameBytes(frame);
            ws.ws.send(data, { binary });
          }
          const final = `final ${randomBytes(6).toString('hex')}`;
          ws.ws.send(JSON.stringify({ type: 'chat_message', message: final }));
          const errors: string[] = [];
          const echoes: string[] = [];
          const repro = () => `send on ws/chat/${room}/?token=<valid access>, after its connect sequence:\n${frames.map((f) => `  ${describeFrame(f)}`).join('\n')}`;
          for (;;) {
            const f = await nextJson(ws, 8000);
            if (!f) throw new Error(`${ws.isClosed ? `the socket was closed (${JSON.stringify(ws.closeInfo)})` : 'no echo of the final chat_message within 8 s'}; errors so far ${JSON.stringify(errors)}\n--- reproduction: ${repro()}`);
            checkFrameText(f.text);
            const type = f.data.type;
            if (type === 'error') {
              if (JSON.stringify(Object.keys(f.data)) !== '["type","code","msg"]' || typeof f.data.code !== 'string' || typeof f.data.msg !== 'string' || !f.data.msg) {
                throw new Error(`malformed error frame ${f.text}\n--- reproduction: ${repro()}`);
              }
              errors.push(f.data.code);
            } else if (type === 'chat_message_echo') {
              const content = (f.data.message as { content?: unknown } | undefined)?.content;
              if (typeof content !== 'string') throw new Error(`echo without content: ${f.text.slice(0, 300)}`);
              if (content === final) break;
              echoes.push(content);
            } else if (!['read_receipt', 'user_join', 'user_leave', 'typing'].includes(String(type))) {
              throw new Error(`unexpected frame ${f.text.slice(0, 300)}\n--- reproduction: ${repro()}`);
            }
          }
          for (const code of errors) tally('legacy-frames', code);
          tally('legacy-frames', `echo ×${echoes.length}`);
          const expectedErrors = expected.flatMap((e) => (typeof e === 'object' && 'error' in e ? [e.error] : []));
          if (JSON.stringify(errors) !== JSON.stringify(expectedErrors)) {
            throw new Error(`error frames ${JSON.stringify(errors)}, expected ${JSON.stringify(expectedErrors)}\n--- reproduction: ${repro()}`);
          }
          const expectedEchoes = expected.flatMap((e) => (typeof e === 'object' && 'echo' in e ? [e.echo] : []));
          const unmatched = [...echoes];
          const missing: string[][] = [];
          for (const accepted of expectedEchoes) {
            const i = unmatched.findIndex((c) => accepted.some((a) => wellFormed(a) === wellFormed(c)));
            if (i < 0) missing.push(accepted);
            else unmatched.splice(i, 1);
          }
          if (missing.length > 0 || unmatched.length > 0) {
            throw new Error(`echoes ${JSON.stringify(echoes).slice(0, 400)}; expected ${JSON.stringify(expectedEchoes).slice(0, 400)}\n--- reproduction: ${repro()}`);
          }
          if (ws.isClosed) throw new Error(`the socket was closed: ${JSON.stringify(ws.closeInfo)}\n--- reproduction: ${repro()}`);
        } finally {
          await ws.dispose();
        }
      };
      await fuzz(server, 'legacy-frames', fc.array(legacyFrames(WS_FRAME_MAX_BYTES), { minLength: 1, maxLength: 12 }), check, {
        seed: 20261206,
        numRuns: 5000,
        timeLimitMs: TIME_LIMIT_MS,
        examples: [
          [{ kind: 'text', text: '{"type": "chat_message", "message": ' }, { kind: 'binary', text: '{"type":"read_messages"}' }, { kind: 'json', value: { type: 'typing', typing: 'maybe' } }],
          // known (2026-12-03), PostgreSQL only: a NUL character in a message is an internal_error
          [{ kind: 'json', value: { type: 'chat_message', message: 'a\u0000b' } }],
        ],
      });
      await assertServing(server);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'random tokens and room names on connect: 4001 after one {"msg"} frame, 4003, or 4004 after an error frame; never 1011, never a crash',
    async () => {
      await ready();
      const now = Math.floor(Date.now() / 1000);
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const claims = (over: object) => ({ token_type: 'access', exp: now + 3600, iat: now, jti: randomBytes(16).toString('hex'), user_id: alice.id, ...over });
      // signed by hand: jsonwebtoken refuses to sign some of these claims
      const hs256 = (payload: object, secret: string) => {
        const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
        return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
      };
      const sign = (over: object) => hs256(claims(over), TEST_JWT_SECRET);
      type TokenKind = 'valid' | 'outsider' | 'expired' | 'refresh' | 'invalid';
      const tokens: [TokenKind, string | null, string][] = [
        ['valid', alice.access, "alice's access token"],
        ['valid', bob.access, "bob's access token"],
        ['outsider', carol.access, "carol's access token (not in the room)"],
        ['expired', sign({ exp: now - 60, iat: now - 7200 }), 'HS256, exp a minute ago'],
        ['refresh', alice.refresh, "alice's refresh token"],
        ['invalid', null, 'no token parameter'],
        ['invalid', '', 'empty'],
        ['invalid', 'garbage', 'garbage'],
        ['invalid', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims({}))}.`, 'alg none'],
        ['invalid', hs256(claims({}), 'another secret'), 'HS256 with another secret'],
        ['invalid', sign({ user_id: 99_999_999 }), 'HS256, user_id 99999999 (no such user)'],
        ['invalid', sign({ user_id: String(alice.id) }), 'HS256, user_id a string'],
        ['invalid', sign({ user_id: -1 }), 'HS256, user_id -1'],
        ['invalid', sign({ user_id: 1e300 }), 'HS256, user_id 1e300'],
        ['invalid', sign({ user_id: 2 ** 31 }), 'HS256, user_id 2^31'],
        ['invalid', sign({ user_id: 2 ** 53 + 2 }), 'HS256, user_id 2^53+2'],
        ['invalid', sign({ token_type: 'id' }), 'HS256, token_type "id"'],
        ['invalid', sign({ exp: 'never' }), 'HS256, exp "never"'],
        ['invalid', alice.access.slice(0, -2), 'access token with its signature cut'],
        ['invalid', `${alice.access}x`, 'access token with a byte appended'],
        ['invalid', 'x'.repeat(10_000), '10 000 x'],
        ['invalid', 'Bearer%20x', 'Bearer%20x'],
      ];
      const dmSpellings = [dmName(alice, bob), `${bob.username}_${alice.username}`, `${alice.id}_${bob.id}`, `${bob.id}_${alice.id}`];
      const rooms = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...dmSpellings) },
        {
          weight: 3,
          arbitrary: fc.constantFrom(
            alice.username,
            `${alice.username}_${alice.username}`,
            `${alice.id}`,
            `${alice.username}_nobody-here`,
            `${alice.id}_999999999`,
            `${alice.id}_99999999999999999999`,
            `${alice.id}_-1`,
            `${alice.id}_0`,
            `${alice.id}_${bob.id}_${carol.id}`,
            `${alice.id}_${bob.id}_${bob.id}`,
            `${carol.username}_${bob.username}`,
            `${alice.username}_${bob.id}`,
            '',
            '_',
            '__',
            `_${alice.username}`,
            `${alice.username}_`,
            '%',
            '%E0%A4%A',
            '%2F',
            '..',
            'x'.repeat(5000),
            `${alice.id}_${Array.from({ length: 1500 }, (_, i) => i + 2).join('_')}`,
          ),
        },
        { weight: 2, arbitrary: fc.string({ maxLength: 30 }).map(encodeUri) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(encodeUri) },
      );
      const shape = fc.constantFrom('slash', 'no-slash', 'param-first', 'twice');
      const check = async ([tokenIndex, room, how]: [number, string, string]) => {
        const [kind, token, label] = tokens[tokenIndex % tokens.length]!;
        const t = token === null ? '' : encodeURIComponent(token);
        const query = token === null ? '' : how === 'param-first' ? `?a=1&token=${t}` : how === 'twice' ? `?token=${t}&token=other` : `?token=${t}`;
        const url = `${server.wsUrl}/ws/chat/${room}${how === 'no-slash' ? '' : '/'}${query}`;
        const repro = `open ${url.replace(server.wsUrl, 'ws://HOST').replace(t || '\u0000', `<${kind} token: ${label}>`)}`;
        const ws = probe(url);
        try {
          try {
            await ws.opened;
          } catch (e) {
            // a path the chat route does not match once the client has normalised the URL ("..", a "/" in the room) is a
            // plain 404; a URL over Node's header limit a 431
            if (/HTTP 404/.test((e as Error).message) && !/^\/ws\/chat\/[^/]*\/?$/.test(new URL(url).pathname)) return;
            if (/HTTP 431/.test((e as Error).message) && url.length > 8000) return;
            throw new Error(`handshake failed: ${(e as Error).message}\n--- reproduction: ${repro}`);
          }
          const first = await nextJson(ws);
          if (first) checkFrameText(first.text);
          void ws.closed.then((c) => tally('legacy-connect', `${kind} ${first?.data.type ?? (first ? 'msg' : 'no frame')} close ${c.code}`));
          const closeSoon = () => ws.closeWithin(5000);
          if (kind !== 'valid' && kind !== 'outsider') {
            const msg = kind === 'expired' ? 'the token is expired' : 'You are not authenticated user';
            if (first?.text !== JSON.stringify({ msg })) throw new Error(`expected {"msg":"${msg}"}, got ${first?.text ?? `close ${JSON.stringify(ws.closeInfo)}`}\n--- reproduction: ${repro}`);
            const close = await closeSoon();
            if (close?.code !== 4001) throw new Error(`expected close 4001, got ${JSON.stringify(close)}\n--- reproduction: ${repro}`);
            return;
          }
          if (first === null) {
            // no frame: only 4003 (not a participant)
            const close = ws.closeInfo ?? (await closeSoon());
            if (close?.code !== 4003) throw new Error(`no frame, then close ${JSON.stringify(close)} (expected 4003)\n--- reproduction: ${repro}`);
            return;
          }
          if (first.data.type === 'error') {
            const close = await closeSoon();
            if (close?.code !== 4004) throw new Error(`error frame ${first.text}, then close ${JSON.stringify(close)} (expected 4004)\n--- reproduction: ${repro}`);
            if (first.data.code === 'internal_error') throw new Error(`internal_error frame on connect: ${first.text}\n--- reproduction: ${repro}`);
            return;
          }
          if (first.data.type !== 'online_user_list') throw new Error(`unexpected first frame ${first.text.slice(0, 300)}\n--- reproduction: ${repro}`);
          // carol is a participant of the groups that name her, not of alice and bob's DM
          if (kind === 'outsider' && dmSpellings.includes(room)) throw new Error(`a user who is not a participant joined the room\n--- reproduction: ${repro}`);
          for (const type of ['last_50_messages', 'user_join']) {
            const f = await nextJson(ws);
            if (f?.data.type !== type) throw new Error(`connect sequence: expected ${type}, got ${f?.text.slice(0, 200) ?? JSON.stringify(ws.closeInfo)}\n--- reproduction: ${repro}`);
          }
        } finally {
          await ws.dispose();
        }
      };
      await fuzz(server, 'legacy-connect', fc.tuple(fc.nat(), rooms, shape), check, {
        seed: 20261207,
        numRuns: 5000,
        timeLimitMs: Math.min(TIME_LIMIT_MS, 6000),
        // known (2026-12-03): a correctly signed token whose user_id is no integer id closes with 1011, not 4001
        examples: [[tokens.findIndex(([, , label]) => label === 'HS256, user_id 1e300'), dmSpellings[0]!, 'slash']],
      });
      await assertServing(server);
    },
    TEST_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------------
// 5. graphql-ws

/** Close codes graphql-ws documents for a client's protocol violations (and ours: 1000). */
const PROTOCOL_CLOSES = new Set([1000, 4400, 4401, 4403, 4406, 4408, 4409, 4429]);
const SERVER_MESSAGE_TYPES = new Set(['connection_ack', 'next', 'error', 'complete', 'ping', 'pong']);

function wsText(a: GraphqlWsAction): { data: string; binary: boolean } {
  switch (a.t) {
    case 'init':
      return { data: JSON.stringify(a.payload === undefined ? { type: 'connection_init' } : { type: 'connection_init', payload: a.payload }), binary: false };
    case 'subscribe':
      return { data: JSON.stringify({ id: a.id, type: 'subscribe', payload: { query: a.query, variables: a.variables, operationName: a.operationName } }), binary: false };
    case 'complete':
      return { data: JSON.stringify({ id: a.id, type: 'complete' }), binary: false };
    case 'ping':
    case 'pong':
      return { data: JSON.stringify(a.payload === undefined ? { type: a.t } : { type: a.t, payload: a.payload }), binary: false };
    case 'json':
      return { data: JSON.stringify(a.value) ?? 'null', binary: false };
    case 'text':
      return { data: a.text, binary: false };
    case 'binary':
      return { data: a.text, binary: true };
  }
}

describe('fuzz: graphql-ws', () => {
  it(
    'random graphql-transport-ws message sequences: only documented closes (never 4500/1011/1006), valid messages, no leak',
    async () => {
      await ready();
      const check = async (s: GraphqlWsSession) => {
        const query = s.urlToken === 'valid' ? `?token=${world.access}` : s.urlToken === 'garbage' ? '?token=garbage' : '';
        const protocols = s.protocol === 'none' ? undefined : s.protocol === 'both' ? ['graphql-ws', 'graphql-transport-ws'] : s.protocol;
        const frames = s.actions.map(wsText);
        const repro = `open ws://HOST/graphql${query.replace(world.access, '<alice access>')} (subprotocol ${JSON.stringify(protocols ?? null)}), send:\n${frames.map((f) => `  ${f.binary ? 'binary ' : ''}${f.data.replace(world.access, '<alice access>').replace(world.refresh, '<alice refresh>').slice(0, 600)}`).join('\n')}`;
        const ws = probe(`${server.wsUrl}/graphql${query}`, protocols);
        const problems: string[] = [];
        try {
          const refused = await ws.opened.then(
            () => null,
            (e: unknown) => (e as Error).message,
          );
          // the server does not speak the deprecated subprotocol: it answers without one, which `ws` refuses
          if (refused !== null && s.protocol === 'graphql-ws' && /no subprotocol/.test(refused)) return;
          if (refused !== null) throw new Error(`handshake failed: ${refused}\n--- reproduction: ${repro}`);
          for (const f of frames) {
            if (ws.isClosed) break;
            ws.ws.send(Buffer.from(f.data), { binary: f.binary });
          }
          // still serving this socket: a ping is answered (a socket the server closed must have closed with a documented code)
          if (!ws.isClosed) ws.ws.send(JSON.stringify({ type: 'ping', payload: { probe: true } }));
          const ponged = await ws.seen((m) => m.text.includes('"probe":true'), 4000);
          tally('graphql-ws', ws.isClosed ? `close ${ws.closeInfo?.code}` : 'open');
          for (const m of ws.messages) tally('graphql-ws', /"type":"(\w+)"/.exec(m.text)?.[1] ?? '?');
          const oversize = frames.some((f) => Buffer.byteLength(f.data) > WS_FRAME_MAX_BYTES);
          if (ws.isClosed) {
            const close = ws.closeInfo!;
            if (!PROTOCOL_CLOSES.has(close.code) && !(oversize && close.code === 1009)) problems.push(`closed with ${close.code} ${JSON.stringify(close.reason)}`);
            if (leaksIn(close.reason).length > 0) problems.push(`the close reason contains a ${leaksIn(close.reason).join(', ')}: ${close.reason}`);
          } else if (!ponged) {
            problems.push('the socket is open but did not answer a ping within 4 s');
          }
          for (const m of ws.messages) {
            let value: { type?: unknown; payload?: unknown } | null;
            try {
              value = JSON.parse(m.text) as { type?: unknown; payload?: unknown } | null;
            } catch {
              problems.push(`a message that is not JSON: ${m.text.slice(0, 200)}`);
              continue;
            }
            if (!SERVER_MESSAGE_TYPES.has(String(value?.type))) problems.push(`a message of type ${JSON.stringify(value?.type)}`);
            problems.push(...leaksIn(m.text).map((l) => `a message contains a ${l}: ${m.text.slice(0, 300)}`));
            if (value?.type === 'next') problems.push(...internalErrorsIn(value.payload));
            if (value?.type === 'error') problems.push(...internalErrorsIn({ errors: value.payload }));
          }
          failIf([...new Set(problems)], `${repro}\n--- received:\n${ws.messages.map((m) => `  ${m.text.slice(0, 300)}`).join('\n')}`);
        } finally {
          await ws.dispose();
        }
      };
      await fuzz(server, 'graphql-ws', graphqlWsSessions(world), check, {
        seed: 20261208,
        numRuns: 5000,
        timeLimitMs: TIME_LIMIT_MS,
        examples: [
          // known (2026-12-03): a message of a server-to-client type from the client closes with 4500
          { urlToken: 'none', protocol: 'graphql-transport-ws', actions: [{ t: 'json', value: { type: 'connection_ack' } }] },
          // known (2026-12-03): a subscribe over the cost limit closes the whole connection with 4500
          {
            urlToken: 'none',
            protocol: 'graphql-transport-ws',
            actions: [
              { t: 'init', payload: { authorization: `Bearer ${world.access}` } },
              {
                t: 'subscribe',
                id: '1',
                query: '{ users(first: 100) { edges { node { id username } } } conversations(first: 100) { edges { node { participants { username } lastMessage { sender { username } } } } } }',
                variables: {},
              },
            ],
          },
        ],
      });
      await assertServing(server);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('after the fuzzing', () => {
  it('the server process never crashed (each crash was restarted so the next property could run)', async () => {
    await ready();
    await assertServing(server);
    expect(server.crashes.map((c) => tail(c.output, 15))).toEqual([]);
  });

  it('the legacy REST dialect still answers', async () => {
    const res = await api(server, 'GET', '/conversations/', { token: alice.access });
    expect(res.status).toBe(200);
  });
});
