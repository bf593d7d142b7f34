// The floor: the least work that does the same jobs as our server, as a physical-limit proxy for ratios.
//   WS  /ws?user=<id>&rooms=<conv>[,<conv>...]   joins rooms; sends {"type":"ready"} once joined.
//        client frame {"room","content"} → insert (autocommit), serialize once, send the same bytes to
//        every socket in the room (the sender included: its copy is the acknowledgement).
//   GET /history?conversation=<id>[&limit=50]    newest first, one prepared query, JSON.stringify.
//   GET /health
// No auth, no validation beyond JSON.parse: it is a yardstick, not a product. Env: PORT, HOST, DATA_DIR.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WebSocketServer } from 'ws';
import { FLOOR_SCHEMA, applyPragmas } from './schema.mjs';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const db = new Database(join(process.env.DATA_DIR ?? '.', 'floor.db'));
applyPragmas(db);
db.exec(FLOOR_SCHEMA);
const insert = db.prepare('INSERT INTO messages (id, conversation, sender, content, created_at) VALUES (?, ?, ?, ?, ?)');
const history = db.prepare(
  'SELECT seq, id, conversation, sender, content, created_at FROM messages WHERE conversation = ? ORDER BY seq DESC LIMIT ?',
);

/** conversation id → open sockets in it */
const rooms = new Map();
const READY = Buffer.from('{"type":"ready"}');

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/history') {
    const rows = history.all(url.searchParams.get('conversation') ?? '', Number(url.searchParams.get('limit') ?? 50));
    const body = JSON.stringify({ messages: rows });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  if (url.pathname === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    return;
  }
  res.writeHead(404);
  res.end();
});

const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false, maxPayload: 64 * 1024 });
wss.on('connection', (ws, req) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const user = Number(url.searchParams.get('user') ?? 0);
  const joined = (url.searchParams.get('rooms') ?? '').split(',').filter(Boolean);
  for (const room of joined) {
    let set = rooms.get(room);
    if (!set) rooms.set(room, (set = new Set()));
    set.add(ws);
  }
  ws.on('close', () => {
    for (const room of joined) rooms.get(room)?.delete(ws);
  });
  ws.on('message', (data) => {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    const id = randomUUID();
    const createdAt = Date.now();
    const { lastInsertRowid } = insert.run(id, frame.room, user, frame.content, createdAt);
    const bytes = Buffer.from(
      JSON.stringify({
        type: 'message',
        message: { seq: Number(lastInsertRowid), id, conversation: frame.room, sender: user, content: frame.content, created_at: createdAt },
      }),
    );
    const peers = rooms.get(frame.room);
    if (peers) for (const peer of peers) peer.send(bytes, { binary: false });
  });
  ws.send(READY, { binary: false });
});

server.listen(port, host, () => {
  const address = server.address();
  process.stdout.write(`floor listening on http://${host}:${address.port}\n`);
});
// A clean exit so --cpu-prof / --prof write their output.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    for (const ws of wss.clients) ws.terminate();
    server.close();
    db.close();
    process.exit(0);
  });
}
