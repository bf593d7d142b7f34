import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RateLimitSettings } from '../../src/config.js';
import { DomainError } from '../../src/errors.js';
import { createRateLimits, type RateLimitName } from '../../src/modules/limits/rate-limits.js';

// The fixed-window limits on one node (memory limiters), on a fake clock.
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.UTC(2030, 0, 1));
});
afterEach(() => {
  vi.useRealTimers();
});

const OFF: RateLimitSettings = { messages: null, signals: null, loginAccount: null, loginAddress: null, registerAddress: null, anonymousAddress: null };

function limits(settings: Partial<RateLimitSettings>) {
  const refused: RateLimitName[] = [];
  const rl = createRateLimits({ settings: { ...OFF, ...settings }, onLimited: (name) => refused.push(name) });
  return { rl, refused };
}

/** The refusal a call ends with, or 'ok'. */
async function outcome(p: Promise<void>): Promise<'ok' | { code: string; retryAfter: number | undefined; message: string }> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { code: e.code, retryAfter: e.details.retryAfter, message: e.message };
  }
}

describe('createRateLimits (memory)', () => {
  it('lets `points` requests through in a window, then refuses with RATE_LIMITED and when to retry', async () => {
    const { rl, refused } = limits({ messages: { points: 3, durationSeconds: 10 } });
    for (let i = 0; i < 3; i += 1) expect(await outcome(rl.consume('messages', 1))).toBe('ok');
    expect(await outcome(rl.consume('messages', 1))).toEqual({
      code: 'RATE_LIMITED',
      retryAfter: 10,
      message: 'Request was throttled. Expected available in 10 seconds.',
    });
    expect(refused).toEqual(['messages']);
  });

  it('says retryAfter in whole seconds, rounded up, never below 1', async () => {
    const { rl } = limits({ messages: { points: 1, durationSeconds: 10 } });
    await rl.consume('messages', 'k');
    vi.advanceTimersByTime(2_500);
    expect(await outcome(rl.consume('messages', 'k'))).toMatchObject({ retryAfter: 8 });
    vi.advanceTimersByTime(7_400);
    // 100 ms left: 1 second, in the singular
    expect(await outcome(rl.consume('messages', 'k'))).toEqual({
      code: 'RATE_LIMITED',
      retryAfter: 1,
      message: 'Request was throttled. Expected available in 1 second.',
    });
  });

  it('opens a new window once the old one has passed', async () => {
    const { rl } = limits({ messages: { points: 2, durationSeconds: 60 } });
    await rl.consume('messages', 1);
    await rl.consume('messages', 1);
    expect(await outcome(rl.consume('messages', 1))).not.toBe('ok');
    vi.advanceTimersByTime(60_000);
    expect(await outcome(rl.consume('messages', 1))).toBe('ok');
    expect(await outcome(rl.consume('messages', 1))).toBe('ok');
    expect(await outcome(rl.consume('messages', 1))).not.toBe('ok');
  });

  it('counts each key and each limit on its own', async () => {
    const { rl } = limits({ messages: { points: 1, durationSeconds: 60 }, signals: { points: 1, durationSeconds: 60 } });
    expect(await outcome(rl.consume('messages', 1))).toBe('ok');
    expect(await outcome(rl.consume('messages', 2))).toBe('ok');
    expect(await outcome(rl.consume('signals', 1))).toBe('ok');
    expect(await outcome(rl.consume('messages', 1))).toMatchObject({ code: 'RATE_LIMITED' });
    // a number key and its string are the same key
    expect(await outcome(rl.consume('messages', '2'))).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('check counts nothing, and refuses once failures counted by penalize reach the limit', async () => {
    const { rl, refused } = limits({ loginAccount: { points: 2, durationSeconds: 300 } });
    for (let i = 0; i < 10; i += 1) expect(await outcome(rl.check('loginAccount', 'ann'))).toBe('ok');
    await rl.penalize('loginAccount', 'ann');
    expect(await outcome(rl.check('loginAccount', 'ann'))).toBe('ok');
    await rl.penalize('loginAccount', 'ann');
    expect(await outcome(rl.check('loginAccount', 'ann'))).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 300 });
    // penalize itself never refuses, even past the limit
    await expect(rl.penalize('loginAccount', 'ann')).resolves.toBeUndefined();
    expect(await outcome(rl.check('loginAccount', 'bob'))).toBe('ok');
    expect(refused).toEqual(['loginAccount']);
  });

  it('check agrees with consume: refused exactly when the next consume would be', async () => {
    const { rl } = limits({ signals: { points: 2, durationSeconds: 10 } });
    await rl.consume('signals', 1);
    expect(await outcome(rl.check('signals', 1))).toBe('ok');
    await rl.consume('signals', 1);
    expect(await outcome(rl.check('signals', 1))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await outcome(rl.consume('signals', 1))).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('reset forgets the key’s count (a successful login clears the failures)', async () => {
    const { rl } = limits({ loginAccount: { points: 1, durationSeconds: 300 } });
    await rl.penalize('loginAccount', 'ann');
    expect(await outcome(rl.check('loginAccount', 'ann'))).not.toBe('ok');
    await rl.reset('loginAccount', 'ann');
    expect(await outcome(rl.check('loginAccount', 'ann'))).toBe('ok');
    expect(await outcome(rl.consume('loginAccount', 'ann'))).toBe('ok');
    expect(await outcome(rl.consume('loginAccount', 'ann'))).not.toBe('ok');
  });

  it('costs nothing when a limit is off: never refuses, and penalize/reset are no-ops', async () => {
    const { rl, refused } = limits({ messages: { points: 1, durationSeconds: 60 } });
    for (let i = 0; i < 1000; i += 1) await rl.consume('signals', 1);
    for (let i = 0; i < 10; i += 1) await rl.penalize('signals', 1);
    expect(await outcome(rl.check('signals', 1))).toBe('ok');
    expect(await outcome(rl.consume('signals', 1))).toBe('ok');
    await expect(rl.reset('signals', 1)).resolves.toBeUndefined();
    expect(refused).toEqual([]);
    // and the one that is on still counts
    await rl.consume('messages', 1);
    expect(await outcome(rl.consume('messages', 1))).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
