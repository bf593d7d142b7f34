import WebSocket from 'ws';
import type { Endpoint } from './server.js';

/** A user made through the legacy routes (/register/ then /api/token/). */
export interface LegacyUser {
  id: number;
  username: string;
  access: string;
  refresh: string;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** the raw body, to check key order and compactness */
  text: string;
  json: unknown;
}

/** One legacy REST call with fetch; `json` and `form` pick the body encoding. */
export async function api(
  server: Endpoint,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown; form?: Record<string, string>; body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

let counter = 0;
export async function legacyUser(server: Endpoint, prefix = 'u'): Promise<LegacyUser> {
  counter += 1;
  const username = `${prefix}${counter}.${process.pid}`;
  const password = 'correct horse battery';
  const reg = await api(server, 'POST', '/register/', { json: { username, password } });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${reg.text}`);
  const tok = await api(server, 'POST', '/api/token/', { json: { username, password } });
  if (tok.status !== 200) throw new Error(`token failed: ${tok.status} ${tok.text}`);
  const { id } = reg.json as { id: number };
  const { access, refresh } = tok.json as { access: string; refresh: string };
  return { id, username, access, refresh };
}

/** The two-person room name: usernames sorted, joined by "_". */
export const dmName = (a: { username: string }, b: { username: string }) => [a.username, b.username].sort().join('_');

export interface Frame {
  text: string;
  data: Record<string, unknown>;
}

/** A raw `ws` client that queues text frames so a test can await them one by one, with a timeout. */
export class FrameSocket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = (data as Buffer).toString('utf8');
      this.frames.push({ text, data: JSON.parse(text) as Record<string, unknown> });
      for (const w of this.#waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const w of this.#waiters.splice(0)) w();
    }));
  }

  static open(url: string): Promise<FrameSocket> {
    const ws = new WebSocket(url);
    const socket = new FrameSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  static chat(server: Endpoint, room: string, token: string | null): Promise<FrameSocket> {
    return FrameSocket.open(`${server.wsUrl}/ws/chat/${encodeURIComponent(room)}/${token === null ? '' : `?token=${token}`}`);
  }

  static notifications(server: Endpoint, token: string | null): Promise<FrameSocket> {
    return FrameSocket.open(`${server.wsUrl}/ws/notification/${token === null ? '' : `?token=${token}`}`);
  }

  /** Opens a chat socket and consumes its connect sequence (online_user_list, last_50_messages, user_join). */
  static async joined(server: Endpoint, room: string, token: string): Promise<FrameSocket> {
    const s = await FrameSocket.chat(server, room, token);
    for (const type of ['online_user_list', 'last_50_messages', 'user_join']) await s.next(type);
    return s;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame (of `type`, when given: it fails on any other frame first). */
  async next(type?: string, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`socket closed while waiting for ${type ?? 'a frame'}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type ?? 'frame'} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const frame = this.frames.shift() as Frame;
    if (type && frame.data.type !== type) throw new Error(`expected ${type}, got ${frame.text}`);
    return frame;
  }

  /** The next frame of `type`, skipping any other (only where other frames may race in, e.g. presence). */
  async until(type: string, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = await this.next(undefined, Math.max(1, deadline - Date.now()));
      if (frame.data.type === type) return frame;
    }
  }

  /** True when no frame arrives within `ms` (only to prove absence). */
  async quiet(ms: number): Promise<boolean> {
    if (this.frames.length > 0) return false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.frames.length === 0;
  }

  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close();
    await this.closed;
  }
}

export const MESSAGE_KEYS = ['id', 'conversation', 'from_user', 'to_user', 'content', 'files', 'timestamp', 'read'];
export const CONVERSATION_KEYS = ['id', 'name', 'other_user', 'last_message', 'unread_count', 'participants'];
