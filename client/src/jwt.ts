/** The claims the client reads from an access token. Decoded only: the server verifies, the client just schedules. */
export interface TokenTimes {
  /** expiry, seconds since the epoch */
  exp: number;
  /** issued at, seconds since the epoch (absent in some tokens) */
  iat?: number;
}

/** The `exp` (and `iat`) of a JWT, or null when it is not a JWT with a numeric `exp`. */
export function readTokenTimes(token: string): TokenTimes | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(base64UrlDecode(payload));
    if (typeof json !== 'object' || json === null) return null;
    const { exp, iat } = json as Record<string, unknown>;
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
    return typeof iat === 'number' && Number.isFinite(iat) ? { exp, iat } : { exp };
  } catch {
    return null;
  }
}

function base64UrlDecode(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
