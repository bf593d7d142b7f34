import { describe, expect, it } from 'vitest';
import { MembershipCache, type CachedMembership } from '../../src/modules/conversations/membership-cache.js';

// Resolved conversation names in memory: how long an entry is trusted and which one leaves first.
// Time is the injected `now` (ms), so no clock is involved.
const membership = (name: string): CachedMembership => ({ id: `id-${name}`, name, participants: [{ id: 1, username: 'ann' }], blockers: [] });

describe('MembershipCache', () => {
  it('returns what was set until its TTL has passed, then forgets it', () => {
    const cache = new MembershipCache(10, 1000);
    const value = membership('a');
    cache.set('a', value, 5000);
    expect(cache.get('a', 5000)).toBe(value);
    expect(cache.get('a', 5999)).toBe(value);
    expect(cache.get('a', 6000)).toBe(value);
    expect(cache.get('a', 6001)).toBeUndefined();
    // forgotten, not just hidden: an earlier time does not bring it back
    expect(cache.get('a', 5000)).toBeUndefined();
  });

  it('does not extend an entry’s life when it is read (a deactivated user stops resolving in time)', () => {
    const cache = new MembershipCache(10, 1000);
    cache.set('a', membership('a'), 0);
    for (let t = 100; t <= 1000; t += 100) expect(cache.get('a', t)).toBeDefined();
    expect(cache.get('a', 1001)).toBeUndefined();
  });

  it('restarts the TTL when the name is set again', () => {
    const cache = new MembershipCache(10, 1000);
    cache.set('a', membership('a'), 0);
    const fresh = membership('a');
    cache.set('a', fresh, 900);
    expect(cache.get('a', 1500)).toBe(fresh);
    expect(cache.get('a', 1901)).toBeUndefined();
  });

  it('is unknown for a name never set', () => {
    expect(new MembershipCache(10, 1000).get('nobody', 0)).toBeUndefined();
  });

  it('evicts the least recently used entry at the cap (a read counts as use)', () => {
    const cache = new MembershipCache(2, 60_000);
    cache.set('a', membership('a'), 0);
    cache.set('b', membership('b'), 0);
    expect(cache.get('a', 1)).toBeDefined(); // b is now the least recently used
    cache.set('c', membership('c'), 2);
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('a', 3)?.name).toBe('a');
    expect(cache.get('c', 3)?.name).toBe('c');
  });

  it('evicts in insertion order when nothing was read, and a re-set counts as use', () => {
    const cache = new MembershipCache(3, 60_000);
    for (const name of ['a', 'b', 'c']) cache.set(name, membership(name), 0);
    cache.set('a', membership('a'), 1);
    cache.set('d', membership('d'), 2);
    expect(['a', 'b', 'c', 'd'].map((n) => cache.get(n, 3)?.name ?? null)).toEqual(['a', null, 'c', 'd']);
  });

  it('holds at most maxEntries', () => {
    const cache = new MembershipCache(5, 60_000);
    for (let i = 0; i < 50; i += 1) cache.set(`n${i}`, membership(`n${i}`), i);
    const kept = Array.from({ length: 50 }, (_, i) => cache.get(`n${i}`, 100)).filter(Boolean);
    expect(kept.map((m) => m!.name)).toEqual(['n45', 'n46', 'n47', 'n48', 'n49']);
  });

  it('forgets the entries a change names (every spelling of them), and everything on clear', () => {
    const cache = new MembershipCache(10, 60_000);
    const dm = (name: string, id: string): CachedMembership => ({ id, name, participants: [{ id: 1, username: 'ann' }, { id: 2, username: 'ben' }], blockers: [] });
    cache.set('ann_ben', dm('ann_ben', 'x'), 0);
    cache.set('1_2', dm('ann_ben', 'x'), 0);
    cache.set('other', membership('other'), 0);
    cache.forget((m) => m.id === 'x');
    expect(['ann_ben', '1_2', 'other'].map((n) => cache.get(n, 1)?.name ?? null)).toEqual([null, null, 'other']);
    cache.clear();
    expect(cache.get('other', 1)).toBeUndefined();
  });

  it('keeps nothing with size 0', () => {
    const cache = new MembershipCache(0, 60_000);
    cache.set('a', membership('a'), 0);
    expect(cache.get('a', 0)).toBeUndefined();
  });
});
