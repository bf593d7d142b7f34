import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TypenameDocument } from './support/documents.js';
import { gql } from './support/graphql.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

// A server that runs out of file descriptors (a flood of connections that send nothing) keeps running,
// says so once in its log, sheds the idle connections on time, and serves again once they are gone.
const FD_LIMIT = 300;
let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess('fds', { HTTP_HEADERS_TIMEOUT_SECONDS: '2' });
  // the running server's own limit, lowered (the test runner's is left alone)
  execFileSync('prlimit', ['--pid', String(server.child.pid), `--nofile=${FD_LIMIT}:${FD_LIMIT}`]);
});
afterAll(async () => {
  await server?.close();
});

const openFds = () => readdirSync(`/proc/${server.child.pid}/fd`).length;
const rawConnect = (): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });

describe('out of file descriptors', () => {
  it('is logged and survived; requests are served again once the idle connections are shed', async () => {
    const sockets: Socket[] = [];
    try {
      // more connections than the server has descriptors left
      for (let i = 0; i < FD_LIMIT + 50; i += 1) {
        const socket = await rawConnect().catch(() => null);
        if (!socket) continue;
        socket.on('error', () => undefined);
        sockets.push(socket);
      }
      const deadline = Date.now() + 3000;
      while (!server.output().includes('out of file descriptors') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(server.output(), `open descriptors: ${openFds()}`).toContain('out of file descriptors');
      expect(openFds()).toBeGreaterThanOrEqual(FD_LIMIT - 5);
      expect(server.alive()).toBe(true);
      // the flood is shed after HTTP_HEADERS_TIMEOUT_SECONDS; then the server answers again
      let answered = false;
      const back = Date.now() + 10_000;
      while (!answered && Date.now() < back) {
        answered = await gql(server, TypenameDocument).then(
          (r) => r.status === 200,
          () => false,
        );
        if (!answered) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(answered).toBe(true);
      expect(server.alive(), server.output().slice(-2000)).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});
