import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints the SQLite WAL from a worker thread with its own connection (ADR 013). SQLite's automatic
 * checkpoint runs inside the COMMIT that crosses the threshold: on the event loop, it copies up to a
 * thousand pages into the database file and syncs it, which stalls every socket for milliseconds and
 * cost ~40% of a send batch's commit. A PASSIVE checkpoint from another connection blocks neither the
 * writer nor the readers. The main connection keeps a high automatic threshold as a backstop, should
 * this thread fall behind or die.
 */
export interface Checkpointer {
  close(): Promise<void>;
}

// Plain JavaScript evaluated in the worker (the TypeScript loader does not reach worker threads).
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try { checkpoint.run(); } catch (e) { parentPort.postMessage({ error: String(e && e.message || e) }); }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearInterval(timer);
  try { checkpoint.run(); } catch {}
  db.close();
  parentPort.postMessage({ closed: true });
});
`;

export function startCheckpointer(file: string, intervalMs: number, onError: (message: string) => void): Checkpointer {
  const worker = new Worker(WORKER, { eval: true, workerData: { file, intervalMs, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
  worker.unref();
  let reported = false;
  worker.on('message', (m: { error?: string }) => {
    // once: a checkpoint that fails (the disk is full...) fails every interval
    if (m.error && !reported) onError(m.error);
    reported ||= Boolean(m.error);
  });
  worker.on('error', (e) => onError(e.message));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => void worker.terminate().then(done, done), 2000);
        worker.once('exit', done);
        worker.on('message', (m: { closed?: boolean }) => {
          if (m.closed) void worker.terminate().then(done, done);
        });
        worker.postMessage('close');
      }),
  };
}
