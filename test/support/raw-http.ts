import { connect, type Socket } from 'node:net';
import type { Endpoint } from './server.js';

export interface RawAnswer {
  /** everything the server wrote before it closed the connection (or before `timeoutMs`) */
  text: string;
  status: number | null;
  /** true when the server closed the connection (false: still open when the wait ended) */
  closed: boolean;
}

/** A raw TCP connection to the server, for requests fetch will not send (bad Host headers, half request lines). */
export function rawConnect(server: Endpoint): Promise<Socket> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Writes `bytes` (optionally), then collects what comes back until the server closes or `timeoutMs` passes. */
export async function rawExchange(server: Endpoint, bytes: string | Buffer | null, timeoutMs = 5000): Promise<RawAnswer> {
  const socket = await rawConnect(server);
  return answerOf(socket, bytes, timeoutMs);
}

export function answerOf(socket: Socket, bytes: string | Buffer | null, timeoutMs: number): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ text, status: m ? Number(m[1]) : null, closed });
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => done(true));
    socket.on('error', () => undefined);
    if (bytes !== null) socket.write(bytes);
  });
}

/** The JSON body of a raw HTTP/1.1 answer with a Content-Length. */
export function rawJson(answer: RawAnswer): unknown {
  const body = answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4);
  return JSON.parse(body);
}

/** Text that gives away internals: a stack frame, a source path, a dependency's folder. */
export const LEAK = /\n\s+at [^\n]+\(|node_modules|\/work\/|\.ts:\d+|\.js:\d+/;
