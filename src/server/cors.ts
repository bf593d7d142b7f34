import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Cross-origin access, one policy for every route (GraphQL and the legacy REST routes): CORS_ORIGINS
 * lists the origins a browser page may call from, or `*` (the default: any origin). Credentials are
 * never allowed: nothing here authenticates by cookie, and a reflected origin with credentials would
 * hand any site the user's session the day one did.
 */
export interface CorsPolicy {
  /** the Access-Control-Allow-Origin value for a request's Origin, or null (not allowed: no CORS headers) */
  allowOrigin(origin: string | undefined): string | null;
}

export function corsPolicy(origins: '*' | string[]): CorsPolicy {
  if (origins === '*') return { allowOrigin: (origin) => (origin ? '*' : null) };
  const allowed = new Set(origins);
  return { allowOrigin: (origin) => (origin && allowed.has(origin) ? origin : null) };
}

/** The CORS headers of an answer to `req` (none for a request without an allowed Origin). */
export function corsHeaders(policy: CorsPolicy, req: IncomingMessage): Record<string, string> {
  const allow = policy.allowOrigin(req.headers.origin);
  if (!allow) return {};
  return allow === '*' ? { 'access-control-allow-origin': '*' } : { 'access-control-allow-origin': allow, vary: 'Origin' };
}

/** Answers a preflight (OPTIONS with Access-Control-Request-Method): 204, the methods the route takes. */
export function answerPreflight(policy: CorsPolicy, req: IncomingMessage, res: ServerResponse, methods: string): void {
  res.writeHead(204, {
    ...corsHeaders(policy, req),
    allow: methods,
    'access-control-allow-methods': methods,
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
    'access-control-max-age': '86400',
  });
  res.end();
}
