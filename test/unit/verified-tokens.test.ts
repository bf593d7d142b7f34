import jwt from 'jsonwebtoken';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signToken, signingKey, TokenError, VerifiedTokens, type TokenSettings } from '../../src/auth/tokens.js';

// The memory of tokens whose signature already checked out: what it still refuses, and when it
// verifies again. Signature checks are counted with a spy that calls through to jsonwebtoken.
const T0 = Date.UTC(2030, 0, 1);
const settings: TokenSettings = { secret: signingKey('unit-test-secret'), accessTtlSeconds: 60, refreshTtlSeconds: 3600 };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof TokenError) return e.reason;
    throw e;
  }
  return 'accepted';
}

const signatureChecks = () => vi.spyOn(jwt, 'verify');

describe('VerifiedTokens', () => {
  it('checks a token’s signature once, then answers from memory with the same claims', () => {
    const checks = signatureChecks();
    const tokens = new VerifiedTokens(settings, 100);
    const access = signToken(settings, 'access', 42);
    const first = tokens.verify(access, 'access');
    const again = tokens.verify(access, 'access');
    expect(first.user_id).toBe(42);
    expect(again).toEqual(first);
    expect(checks).toHaveBeenCalledTimes(1);
  });

  it('still expires a remembered token (fake clock)', () => {
    const tokens = new VerifiedTokens(settings, 100);
    const access = signToken(settings, 'access', 42);
    expect(reason(() => tokens.verify(access, 'access'))).toBe('accepted');
    vi.advanceTimersByTime(59_999);
    expect(reason(() => tokens.verify(access, 'access'))).toBe('accepted');
    vi.advanceTimersByTime(1);
    expect(reason(() => tokens.verify(access, 'access'))).toBe('expired');
    // and stays expired, remembered or not
    expect(reason(() => tokens.verify(access, 'access'))).toBe('expired');
  });

  it('still expires a remembered token at an injected time', () => {
    const tokens = new VerifiedTokens(settings, 100);
    const access = signToken(settings, 'access', 42, { now: T0 });
    tokens.verify(access, 'access', T0);
    expect(reason(() => tokens.verify(access, 'access', T0 + 59_000))).toBe('accepted');
    expect(reason(() => tokens.verify(access, 'access', T0 + 60_000))).toBe('expired');
  });

  it('refuses the wrong token type, before and after the token is remembered', () => {
    const tokens = new VerifiedTokens(settings, 100);
    const access = signToken(settings, 'access', 1);
    const refresh = signToken(settings, 'refresh', 1);
    expect(reason(() => tokens.verify(refresh, 'access'))).toBe('wrong_type');
    expect(reason(() => tokens.verify(access, 'access'))).toBe('accepted');
    expect(reason(() => tokens.verify(access, 'refresh'))).toBe('wrong_type');
    expect(reason(() => tokens.verify(refresh, 'refresh'))).toBe('accepted');
    expect(reason(() => tokens.verify(refresh, 'access'))).toBe('wrong_type');
  });

  it('refuses a missing, forged or foreign-key token, and does not remember a refusal', () => {
    const checks = signatureChecks();
    const tokens = new VerifiedTokens(settings, 100);
    const foreign = signToken({ ...settings, secret: signingKey('another-secret') }, 'access', 1);
    expect(reason(() => tokens.verify(undefined, 'access'))).toBe('missing');
    expect(reason(() => tokens.verify('', 'access'))).toBe('missing');
    expect(reason(() => tokens.verify('not.a.jwt', 'access'))).toBe('invalid');
    expect(reason(() => tokens.verify(foreign, 'access'))).toBe('invalid');
    expect(reason(() => tokens.verify(foreign, 'access'))).toBe('invalid');
    const genuine = signToken(settings, 'access', 1);
    const tampered = genuine.slice(0, -2) + (genuine.endsWith('AA') ? 'BB' : 'AA');
    expect(reason(() => tokens.verify(tampered, 'access'))).toBe('invalid');
    // every refusal with a token was a full check: nothing refused is answered from memory
    expect(checks).toHaveBeenCalledTimes(4);
  });

  it('starts its memory over at the cap', () => {
    const checks = signatureChecks();
    const tokens = new VerifiedTokens(settings, 2);
    const [a, b, c] = [1, 2, 3].map((id) => signToken(settings, 'access', id));
    tokens.verify(a!, 'access');
    tokens.verify(b!, 'access');
    tokens.verify(a!, 'access');
    tokens.verify(b!, 'access');
    expect(checks).toHaveBeenCalledTimes(2);
    // the third token finds the memory full: it is cleared, then holds c only
    tokens.verify(c!, 'access');
    expect(checks).toHaveBeenCalledTimes(3);
    tokens.verify(c!, 'access');
    expect(checks).toHaveBeenCalledTimes(3);
    tokens.verify(a!, 'access');
    tokens.verify(b!, 'access');
    expect(checks).toHaveBeenCalledTimes(5);
  });

  it('remembers nothing with a cap of 0', () => {
    const checks = signatureChecks();
    const tokens = new VerifiedTokens(settings, 0);
    const access = signToken(settings, 'access', 9);
    tokens.verify(access, 'access');
    tokens.verify(access, 'access');
    expect(checks).toHaveBeenCalledTimes(2);
  });
});
