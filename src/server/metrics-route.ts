import { BlockList, isIP } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './respond.js';

export interface MetricsEndpoint {
  /** the scrape, in Prometheus' text format */
  text(): Promise<string>;
  contentType: string;
  /** METRICS_TOKEN: the bearer token a scrape must carry; unset: private addresses only */
  token: string | undefined;
}

/** Loopback and private networks (RFC 1918, RFC 4193, link-local): where a Prometheus next to the server scrapes from. */
const PRIVATE = new BlockList();
for (const [net, bits] of [['127.0.0.0', 8], ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['169.254.0.0', 16]] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

function isPrivate(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip);
  return family !== 0 && PRIVATE.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics: with METRICS_TOKEN, for a request carrying it as a bearer token; without, for a client on
 * a loopback or private address (`address` honours TRUSTED_PROXY_HOPS). Anyone else gets the same 404 as
 * any unknown path.
 */
export async function handleMetricsRequest(endpoint: MetricsEndpoint, req: IncomingMessage, res: ServerResponse, url: URL, address: string): Promise<boolean> {
  if (url.pathname !== '/metrics') return false;
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  const allowed = endpoint.token !== undefined ? bearer !== undefined && sameSecret(bearer, endpoint.token) : isPrivate(address);
  if (!allowed) {
    sendJson(res, 404, { detail: 'Not found.' });
    return true;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { detail: 'Method not allowed.' }, { allow: 'GET, HEAD' });
    return true;
  }
  const body = await endpoint.text();
  res.writeHead(200, { 'content-type': endpoint.contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
