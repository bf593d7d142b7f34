import type { IncomingMessage } from 'node:http';

/** host[:port]: a DNS name (underscores allowed, as in container names), IPv4, or a bracketed IPv6 literal. */
const HOST = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The request's target as a URL (path and query are what routing reads), or null when the request
 * cannot name one: a Host header that is not a host (Yoga builds its Request's URL from it and would
 * fail with a 500) or a target the URL parser refuses. Answered 400.
 */
export function requestUrl(req: IncomingMessage): URL | null {
  const host = req.headers.host;
  if (host !== undefined && !(HOST.test(host) && parses(`http://${host}`))) return null;
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return null;
  try {
    return new URL(target, 'http://localhost');
  } catch {
    return null;
  }
}

function parses(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/**
 * The client's address: the socket's peer, or with `trustedHops` proxies in front (each appending the
 * address it saw to X-Forwarded-For) the entry they added for the client. Never an address the client
 * could choose: entries left of the trusted ones are ignored.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // the last proxy's own peer is the socket; the entries it and the others appended are at the end
  return forwarded.length >= trustedHops ? forwarded.at(-trustedHops)! : peer;
}
