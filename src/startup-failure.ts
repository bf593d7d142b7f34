import type { Config } from './config.js';
import { DataDirInUse } from './db/data-dir-lock.js';

/**
 * A failure to start explained in one line: what is wrong, with which setting, and what to do; null when
 * it is not one the operator can fix from here (then it is logged whole).
 */
export function explainStartupFailure(error: unknown, config: Config): string | null {
  if (error instanceof DataDirInUse) return error.message;
  const e = error as { code?: unknown; message?: unknown; syscall?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.syscall === 'listen' && code === 'EADDRINUSE') return `PORT ${config.port} on ${config.host} is in use (another server?): stop it, or set PORT to a free port`;
  if (e.syscall === 'listen' && code === 'EACCES') return `PORT ${config.port} needs privileges this process does not have: use a port above 1023 (and a proxy in front), or set PORT`;
  if (e.syscall === 'listen' && code === 'EADDRNOTAVAIL') return `HOST ${config.host} is not an address of this machine: set HOST (0.0.0.0 listens on all)`;
  if (config.database.kind === 'postgres') {
    const where = describeUrl(config.database.url);
    if (code === 'ECONNREFUSED') return `DATABASE_URL: PostgreSQL refuses connections at ${where}: is it running there, and are host and port right?`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `DATABASE_URL: the host of ${where} cannot be resolved: check the host name`;
    if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return `DATABASE_URL: PostgreSQL at ${where} does not answer (timed out): check the address and the network`;
    if (code === '3D000') return `DATABASE_URL: ${message} at ${where}: create it (createdb <name>) or fix the database name in the URL`;
    if (code === '28000') return `DATABASE_URL: ${message} at ${where}: create the role (createuser <name>) or fix the user in the URL`;
    if (code === '28P01') return `DATABASE_URL: ${message} at ${where}: fix the password in the URL`;
  }
  if (config.redis && (code === 'ECONNREFUSED' || code === 'ENOTFOUND') && /redis/i.test(message)) return `REDIS_URL: Redis cannot be reached at ${describeUrl(config.redis.url)}: is it running there?`;
  return e.cause ? explainStartupFailure(e.cause, config) : null;
}

/** host:port/database of a URL, without its password. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? '6379' : '5432')}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'the configured address';
  }
}
