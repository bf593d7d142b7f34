import type { IncomingMessage } from 'node:http';

export type OriginOf = (req: IncomingMessage) => string;

/**
 * scheme://host[:port] for absolute URLs (file links, legacy `next`/`previous`): PUBLIC_URL when set,
 * else what the client used (the Host header), so links work behind whatever name the client knows.
 */
export function createOriginOf(publicUrl: string | undefined, port: number): OriginOf {
  return (req) =>
    publicUrl ?? `${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${req.headers.host ?? `localhost:${port}`}`;
}
