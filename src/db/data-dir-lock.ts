import { createHash } from 'node:crypto';
import { realpathSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { basename, dirname, join } from 'node:path';

/** A second server on the same SQLite DATA_DIR: it would write the same file, and its events would reach none of the first one's subscribers. */
export class DataDirInUse extends Error {}

/**
 * Holds a SQLite database file for this process while it runs: a listening Unix socket named after the
 * file (an abstract one on Linux: nothing on disk, gone with the process, even after kill -9). A second
 * server on the same file finds it answering and refuses to start; a socket file left by a dead
 * process answers nothing and is taken over. Returns the release function.
 */
export async function lockDataDir(databaseFile: string): Promise<() => Promise<void>> {
  const dir = realpathSync(dirname(databaseFile));
  const file = join(dir, basename(databaseFile));
  const path =
    process.platform === 'linux' ? `\0chat-sqlite:${createHash('sha256').update(file).digest('hex').slice(0, 40)}` : `${file}.server-lock`;
  const server = createServer((socket) => socket.end());
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen();
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'EADDRINUSE') throw e;
    if (await answers(path)) {
      throw new DataDirInUse(`DATA_DIR: the database ${file} is in use by another running server: stop it, or give this one another DATA_DIR (one server per SQLite database; several nodes need PostgreSQL)`);
    }
    rmSync(path, { force: true });
    await listen();
  }
  server.unref();
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
