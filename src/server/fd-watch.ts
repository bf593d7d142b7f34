import { readdirSync, readFileSync } from 'node:fs';
import type { Logger } from 'pino';

/**
 * Out of file descriptors, libuv sheds new connections itself (it accepts and closes them with a
 * reserved descriptor), so the server survives but never hears of it. This watch counts the process's
 * open descriptors every `intervalMs` (Linux: /proc/self) and warns, at most once a minute, while they
 * are near the limit. Returns the stop function.
 */
export function watchFileDescriptors(log: Logger, intervalMs = 1000): () => void {
  if (process.platform !== 'linux') return () => undefined;
  let lastWarning = 0;
  let limit: number | null = null;
  const warn = (open: number | 'all') => {
    const now = Date.now();
    if (now - lastWarning < 60_000) return;
    lastWarning = now;
    log.warn({ open, limit }, 'out of file descriptors: new connections are refused until some close (raise `ulimit -n`, or shed load)');
  };
  const timer = setInterval(() => {
    try {
      limit = softLimit();
      const open = readdirSync('/proc/self/fd').length;
      if (limit !== null && open >= limit * 0.95) warn(open);
    } catch (e) {
      // reading /proc takes a descriptor too: not getting one is the answer
      if ((e as { code?: unknown }).code === 'EMFILE' || (e as { code?: unknown }).code === 'ENFILE') warn('all');
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function softLimit(): number | null {
  const line = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return line?.[1] ? Number(line[1]) : null;
}
