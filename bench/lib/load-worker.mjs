// One load-generator thread: holds sockets (graphql-ws, floor, legacy), sends at an open-loop rate (or
// closed loop for throughput), records send→deliver latency and loss/duplicate/order per receiver.
// Plain JS: tsx's loader does not reach worker threads on Node 20, and this is the hot path anyway.
// Protocol with the main thread: request {id, op, ...} → reply {id, ...} (see pool.ts for the types).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import * as hdr from 'hdr-histogram-js';
import WebSocket from 'ws';

/** A clock comparable across processes and threads (wall-clock origin + monotonic offset), in ms. */
const now = () => performance.timeOrigin + performance.now();

const MESSAGE_FIELDS = 'id cursor content createdAt conversation sender { id username }';
const SUBSCRIPTIONS = {
  messageAdded: `subscription($c: String!) { messageAdded(conversation: $c) { ${MESSAGE_FIELDS} } }`,
  unreadCount: 'subscription { unreadCount { total conversationId conversationUnread } }',
};
const SEND_MUTATION = 'mutation($c: String!, $m: String!) { sendMessage(conversation: $c, content: $m) { id createdAt } }';
/** Message content: `b|run|sender|n|t|` then padding to a typical chat line (~90 bytes). */
const MARK = Buffer.from('b|');
const PADDING = 'the quick brown fox jumps over the lazy dog, again and again';

const newHist = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });

/** key → connection state */
const conns = new Map();
let latency = newHist(); // µs, send (intended time) → deliver, every receiver
let ackLatency = newHist(); // µs, send → acknowledged (mutation response / own echo)
let run = 0;
let counters = freshCounters();
/** across runs: requests not yet answered, frames carrying a bench payload (any run) */
let inflight = 0;
let framesSeen = 0;
/** this run's messages sent over a socket whose sender has not yet heard its own copy */
let wsPending = 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function freshCounters() {
  return { sent: {}, skipped: 0, sendErrors: 0, errorSamples: [], stale: 0, inflight: 0, framesSeen: 0, maxLagMs: 0, serverErrors: 0 };
}

parentPort.on('message', (msg) => {
  handle(msg).then(
    (reply) => parentPort.postMessage({ id: msg.id, ok: true, ...reply }),
    (err) => parentPort.postMessage({ id: msg.id, ok: false, error: String(err?.stack ?? err) }),
  );
});

async function handle(msg) {
  switch (msg.op) {
    case 'open':
      return openAll(msg.conns, msg.concurrency ?? 100, msg.timeoutMs ?? 60_000);
    case 'run':
      return runLoad(msg);
    case 'collect':
      return collect();
    case 'idle':
      return { inflight: inflight + wsPending, framesSeen };
    case 'close':
      for (const c of conns.values()) c.ws.terminate();
      conns.clear();
      agent.destroy();
      return {};
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

// ---------------------------------------------------------------- connections

async function openAll(specs, concurrency, timeoutMs) {
  const handshake = newHist();
  const started = now();
  let failed = 0;
  const errors = [];
  let next = 0;
  const lane = async () => {
    while (next < specs.length) {
      const spec = specs[next++];
      const t0 = now();
      try {
        await openOne(spec, timeoutMs);
        handshake.recordValue(Math.max(1, Math.round((now() - t0) * 1000)));
      } catch (e) {
        failed++;
        if (errors.length < 5) errors.push(String(e?.message ?? e));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, lane));
  return { opened: specs.length - failed, failed, errors, wallMs: now() - started, handshake: hdr.encodeIntoCompressedBase64(handshake) };
}

function openOne(spec, timeoutMs) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(spec.url, spec.kind === 'gqlws' ? 'graphql-transport-ws' : undefined, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
      maxPayload: 16 * 1024 * 1024,
    });
    const conn = { ...spec, ws, ready: false, unique: 0, dups: 0, ooo: 0, seqOoo: 0, lastSeq: 0, from: new Map(), closed: false, legacyStage: 0 };
    const timer = setTimeout(() => fail(new Error(`${spec.kind} ${spec.key}: not ready after ${timeoutMs} ms`)), timeoutMs);
    const fail = (err) => {
      clearTimeout(timer);
      ws.terminate();
      reject(err);
    };
    conn.onReady = () => {
      if (conn.ready) return;
      conn.ready = true;
      clearTimeout(timer);
      conns.set(spec.key, conn);
      resolve();
    };
    ws.on('error', (e) => (conn.ready ? undefined : fail(e)));
    ws.on('close', (code, reason) => {
      conn.closed = true;
      if (!conn.ready) fail(new Error(`${spec.kind} ${spec.key}: closed ${code} ${reason}`));
    });
    ws.on('open', () => {
      if (spec.kind === 'gqlws') ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${spec.token}` } }));
    });
    ws.on('message', (data) => onFrame(conn, data));
  });
}

function onFrame(conn, buf) {
  if (conn.ready && buf.indexOf(MARK) !== -1) {
    if (conn.kind === 'legacy' && buf.indexOf('chat_message_echo') === -1) return; // e.g. a replayed last_50_messages
    delivered(conn, buf);
    return;
  }
  if (conn.kind === 'gqlws') {
    const frame = JSON.parse(buf.toString());
    if (frame.type === 'connection_ack') {
      const sub = conn.subscription ?? 'messageAdded';
      if (sub === 'none') return conn.onReady(); // an authenticated connection, nothing subscribed
      // a fresh id per subscription, as the graphql-ws client generates them (its default is a UUID)
      conn.ws.send(JSON.stringify({ id: randomUUID(), type: 'subscribe', payload: { query: SUBSCRIPTIONS[sub], variables: { c: conn.conversation } } }));
      // messageAdded says nothing until a message comes: the caller's warm-up round proves it is live.
      if (sub === 'messageAdded') conn.onReady();
    } else if (conn.mutations?.has(frame.id)) {
      mutationAnswered(conn, frame);
    } else if (frame.type === 'next') {
      conn.onReady(); // unreadCount: its first event (the current total) proves the subscription is live
    } else if (frame.type === 'ping') {
      conn.ws.send('{"type":"pong"}');
    } else if (frame.type === 'error' || frame.type === 'complete') {
      counters.serverErrors++;
      if (counters.errorSamples.length < 5) counters.errorSamples.push(buf.toString().slice(0, 300));
    }
    return;
  }
  if (conn.kind === 'floor') {
    if (!conn.ready && buf.indexOf('"ready"') !== -1) conn.onReady();
    return;
  }
  // legacy: ready once the room greeted us (online_user_list, last_50_messages, then a user_join)
  const text = buf.toString();
  if (text.includes('"type":"last_50_messages"')) conn.legacyStage = 1;
  else if (conn.legacyStage === 1 && text.includes('"type":"user_join"')) conn.onReady();
  else if (text.includes('"type":"error"')) {
    counters.serverErrors++;
    if (counters.errorSamples.length < 5) counters.errorSamples.push(text.slice(0, 300));
  }
}

// ---------------------------------------------------------------- deliveries

/** Reads a decimal number from buf at i, up to the next '|'. */
function readField(buf, i) {
  let value = 0;
  let frac = 0;
  let scale = 0;
  for (; i < buf.length; i++) {
    const c = buf[i];
    if (c === 0x2e) scale = 1; // '.'
    else if (c < 48 || c > 57) break; // '|', ',', …
    else if (scale === 0) value = value * 10 + (c - 48);
    else {
      frac = frac * 10 + (c - 48);
      scale *= 10;
    }
  }
  return [scale > 1 ? value + frac / scale : value, i + 1];
}

const SEQ_KEY = Buffer.from('"seq":');
const CURSOR_KEY = Buffer.from('"cursor":"');

/** The server's commit order of a delivered message: floor `seq`, ours the `cursor` (base64url "m:<seq>"); legacy: none. */
function seqOf(conn, buf) {
  if (conn.kind === 'floor') {
    const i = buf.indexOf(SEQ_KEY);
    return i === -1 ? -1 : readField(buf, i + SEQ_KEY.length)[0];
  }
  if (conn.kind === 'gqlws') {
    const i = buf.indexOf(CURSOR_KEY);
    if (i === -1) return -1;
    const from = i + CURSOR_KEY.length;
    const decoded = Buffer.from(buf.toString('latin1', from, buf.indexOf(0x22, from)), 'base64url').toString('latin1');
    return decoded.startsWith('m:') ? Number(decoded.slice(2)) : -1;
  }
  return -1;
}

function delivered(conn, buf) {
  const at = now();
  framesSeen++;
  let i = buf.indexOf(MARK) + 2;
  let r, sk, n, t;
  [r, i] = readField(buf, i);
  [sk, i] = readField(buf, i);
  [n, i] = readField(buf, i);
  [t, i] = readField(buf, i);
  if (r !== run) {
    counters.stale++;
    return;
  }
  latency.recordValue(Math.max(1, Math.round((at - t) * 1000)));
  // Per receiver: deliveries in the server's commit order (a conversation's seq only rises)
  const seq = seqOf(conn, buf);
  if (seq !== -1) {
    if (seq < conn.lastSeq) conn.seqOoo++;
    else conn.lastSeq = seq;
  }
  // Per sender: n counts up from 0; remember the highest seen and the gaps below it.
  let st = conn.from.get(sk);
  if (!st) conn.from.set(sk, (st = { max: -1, missing: new Set() }));
  if (n === st.max + 1) {
    st.max = n;
    conn.unique++;
  } else if (n > st.max) {
    for (let k = st.max + 1; k < n; k++) st.missing.add(k);
    st.max = n;
    conn.unique++;
  } else if (st.missing.delete(n)) {
    conn.ooo++;
    conn.unique++;
  } else {
    conn.dups++;
  }
  if (sk === conn.sk && !conn.httpUrl && conn.pending > 0) {
    conn.pending--;
    wsPending--;
  }
  if (conn.closedLoop && sk === conn.sk) conn.closedLoop.ack(n);
}

// ---------------------------------------------------------------- sending

function content(sk, n, t) {
  return `b|${run}|${sk}|${n}|${t.toFixed(3)}|${PADDING}`;
}

function countSent(conn) {
  counters.sent[conn.conversation] = (counters.sent[conn.conversation] ?? 0) + 1;
}

/** ours: the sendMessage mutation over HTTP (keep-alive), as urql/Apollo clients send mutations. */
function sendHttp(conn, n, t, onAck, body = JSON.stringify({ query: SEND_MUTATION, variables: { c: conn.conversation, m: content(conn.sk, n, t) } }), retried = false) {
  const runOf = run;
  inflight++;
  const req = http.request(
    conn.httpUrl,
    {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${conn.token}` },
    },
    (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        inflight--;
        if (runOf !== run) return;
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200 || text.includes('"errors"')) {
          counters.sendErrors++;
          if (counters.errorSamples.length < 5) counters.errorSamples.push(`${res.statusCode} ${text.slice(0, 300)}`);
        } else {
          countSent(conn);
          ackLatency.recordValue(Math.max(1, Math.round((now() - t) * 1000)));
        }
        onAck?.();
      });
    },
  );
  req.on('error', (e) => {
    inflight--;
    // the keep-alive race: the server closed an idle connection as we reused it; nothing was sent
    if (!retried && req.reusedSocket && e.code === 'ECONNRESET') return sendHttp(conn, n, t, onAck, body, true);
    if (runOf !== run) return;
    counters.sendErrors++;
    if (counters.errorSamples.length < 5) counters.errorSamples.push(String(e.message));
    onAck?.();
  });
  req.end(body);
}

/** ours, the other way GraphQL clients send: the sendMessage mutation over the same graphql-ws socket. */
function sendGqlWs(conn, n, t, onAck) {
  if (conn.ws.readyState !== WebSocket.OPEN) {
    counters.sendErrors++;
    onAck?.();
    return;
  }
  inflight++;
  const id = `m${run}-${conn.sk}-${n}`;
  (conn.mutations ??= new Map()).set(id, { t, onAck, runOf: run });
  conn.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query: SEND_MUTATION, variables: { c: conn.conversation, m: content(conn.sk, n, t) } } }));
}

/** The mutation's `next` (its result) or `error`; its `complete` after the result says nothing more. */
function mutationAnswered(conn, frame) {
  const m = conn.mutations.get(frame.id);
  if (frame.type === 'complete') return void conn.mutations.delete(frame.id);
  if (frame.type === 'next' && m.answered) return;
  m.answered = true;
  inflight--;
  if (frame.type === 'error') conn.mutations.delete(frame.id);
  if (m.runOf !== run) return;
  if (frame.type !== 'next' || frame.payload?.errors) {
    counters.sendErrors++;
    if (counters.errorSamples.length < 5) counters.errorSamples.push(JSON.stringify(frame).slice(0, 300));
  } else {
    countSent(conn);
    ackLatency.recordValue(Math.max(1, Math.round((now() - m.t) * 1000)));
  }
  m.onAck?.();
}

function sendWs(conn, n, t) {
  if (conn.ws.readyState !== WebSocket.OPEN) {
    counters.sendErrors++;
    return;
  }
  const text = content(conn.sk, n, t);
  conn.pending = (conn.pending ?? 0) + 1;
  wsPending++;
  conn.ws.send(
    conn.kind === 'floor' ? JSON.stringify({ room: conn.conversation, content: text }) : JSON.stringify({ type: 'chat_message', message: text }),
  );
  countSent(conn);
}

function resetForRun(newRun) {
  run = newRun;
  wsPending = 0;
  latency = newHist();
  ackLatency = newHist();
  counters = freshCounters();
  for (const c of conns.values()) {
    c.unique = 0;
    c.dups = 0;
    c.ooo = 0;
    c.seqOoo = 0;
    c.lastSeq = 0;
    c.from = new Map();
    c.n = 0;
    c.pending = 0;
    c.closedLoop = undefined;
  }
}

/**
 * Open loop: message i goes at startAt + i/rate whatever happened to earlier ones, and its latency is
 * counted from that intended time (no coordinated omission). Closed loop: each sender keeps `window`
 * messages in flight and sends the next on its acknowledgement (mutation response, or its own echo).
 */
async function runLoad({ run: newRun, rate, durationMs, startAt, mode, window }) {
  resetForRun(newRun);
  const senders = [...conns.values()].filter((c) => c.send);
  const endAt = startAt + durationMs;
  while (now() < startAt) await sleep(Math.min(5, startAt - now()));
  if (senders.length === 0) {
    await sleep(endAt - now());
    return {};
  }
  if (mode === 'closed') {
    await Promise.all(senders.map((c) => closedLoop(c, window ?? 1, endAt)));
    return {};
  }
  if (rate <= 0) {
    await sleep(endAt - now());
    return {};
  }
  const interval = 1000 / rate;
  // 100 ms worth of messages in flight is twice the latency budget: past it the step has failed anyway,
  // and sending more only builds a backlog that would spill into the next step
  const maxInflight = Math.max(50, Math.ceil(rate * 0.1));
  let next = startAt;
  let turn = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const t = now();
      while (next <= t && next < endAt) {
        const conn = senders[turn++ % senders.length];
        const lag = t - next;
        if (lag > counters.maxLagMs) counters.maxLagMs = lag;
        if (inflight + wsPending >= maxInflight) counters.skipped++;
        else {
          const n = conn.n++;
          if (conn.httpUrl) sendHttp(conn, n, next);
          else if (conn.mutateOverWs) sendGqlWs(conn, n, next);
          else sendWs(conn, n, next);
        }
        next += interval;
      }
      if (next < endAt) setTimeout(tick, Math.max(0, Math.min(1, next - now())));
      else resolve();
    };
    tick();
  });
  return {};
}

function closedLoop(conn, window, endAt) {
  return new Promise((resolve) => {
    let inflight = 0;
    const sentAt = new Map();
    const fire = () => {
      while (inflight < window && now() < endAt) {
        const n = conn.n++;
        const t = now();
        inflight++;
        if (conn.httpUrl || conn.mutateOverWs) {
          (conn.httpUrl ? sendHttp : sendGqlWs)(conn, n, t, () => {
            inflight--;
            fire();
          });
        } else {
          sentAt.set(n, t);
          sendWs(conn, n, t);
        }
      }
      if (inflight === 0 && now() >= endAt) resolve();
    };
    // over a socket the acknowledgement is the sender's own copy of the message
    conn.closedLoop = {
      ack(n) {
        const t = sentAt.get(n);
        if (t === undefined) return;
        sentAt.delete(n);
        ackLatency.recordValue(Math.max(1, Math.round((now() - t) * 1000)));
        inflight--;
        fire();
      },
    };
    fire();
    // a lost acknowledgement must not hang the run
    setTimeout(() => resolve(), endAt - now() + 15_000).unref();
  });
}

function collect() {
  const receivers = [];
  for (const c of conns.values()) {
    if (!c.receive) continue;
    receivers.push({ key: c.key, conversation: c.conversation, unique: c.unique, dups: c.dups, senderOoo: c.ooo, seqOoo: c.seqOoo, closed: c.closed });
  }
  return {
    counters: { ...counters, inflight: inflight + wsPending, framesSeen },
    receivers,
    latency: hdr.encodeIntoCompressedBase64(latency),
    ackLatency: hdr.encodeIntoCompressedBase64(ackLatency),
  };
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}
