import type { Db } from '../../db/database.js';
import type { Limits } from '../../config.js';
import { DomainError, badInput } from '../../errors.js';
import { Batched } from '../batched.js';
import { participantKey } from '../conversations/room-name.js';
import type { AccessItem, EventBus } from '../events.js';
import type { RateLimits } from '../limits/rate-limits.js';
import type { LiveEvents } from '../live-events.js';
import { plainText } from '../text.js';
import type { UserRef, Viewer } from '../types.js';

/** Users one viewer has blocked, kept current while it is held (a feed's lifetime). */
export interface HiddenUsers {
  has(userId: number): boolean;
  /** stops following the viewer's blocks */
  stop(): void;
}

/**
 * Blocks (ADR 025): one user's private refusal of another. The blocked user cannot open or write to a
 * DM with the blocker (they are answered as a stranger is), and the blocker does not see their typing
 * or presence. Blocking is never told to the blocked user. Every change is told to every node
 * (`access:all`), so caches that said "may" forget it at once.
 */
export class BlocksService {
  /** `${blockerId}:${blockedId}` → blocked, a batch at a time (a page of users asks once) */
  readonly #pairs = new Batched<string, true>(async (keys) => {
    const pairs = keys.map((k) => k.split(':').map(Number) as [number, number]);
    const rows = await this.db.block.findMany({
      where: { OR: pairs.map(([blockerId, blockedId]) => ({ blockerId, blockedId })) },
      select: { blockerId: true, blockedId: true },
    });
    return new Map(rows.map((r) => [`${r.blockerId}:${r.blockedId}`, true as const]));
  });

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly live: LiveEvents,
    private readonly rateLimits: RateLimits,
    /** the user's unread total (the messages module's rule) */
    private readonly unreadTotal: (userId: number) => Promise<number>,
    private readonly limits: Pick<Limits, 'blocksPerUserMax'>,
  ) {}

  /** Blocks (or unblocks) the user: idempotent; the user as the viewer sees them now. */
  async setBlocked(viewer: Viewer, input: { username: string; blocked: boolean }): Promise<UserRef> {
    const username = plainText(input.username, 'username');
    const user = await this.db.user.findFirst({ where: { username, isActive: true }, select: { id: true, username: true } });
    if (!user) throw badInput('Unknown username.', 'username', 'unknown_user');
    if (user.id === viewer.id) throw badInput('You cannot block yourself.', 'username', 'self');
    await this.rateLimits.consume('signals', viewer.id);
    const pair = { blockerId: viewer.id, blockedId: user.id };
    // every live feed of the viewer holds whom they blocked: the set has a cap (blocking again is fine)
    if (input.blocked && (await this.db.block.count({ where: { blockerId: viewer.id } })) >= this.limits.blocksPerUserMax) {
      const already = await this.db.block.findUnique({ where: { blockerId_blockedId: pair }, select: { blockerId: true } });
      if (!already) {
        throw new DomainError('LIMIT_EXCEEDED', `You can block at most ${this.limits.blocksPerUserMax} users; unblock someone first.`, { field: 'username', reason: 'too_many_blocks' });
      }
    }
    // the block and the DM's side of it (hidden from the blocked user: out of their list, total and
    // notifications) in one transaction; a DM opened meanwhile reads the block when it is created
    const dm = await this.db.conversation.findUnique({ where: { participantKey: participantKey([viewer.id, user.id]) }, select: { id: true } });
    const side = dm ? { conversationId: dm.id, userId: user.id } : null;
    await this.db.$transaction([
      input.blocked ? this.db.block.upsert({ where: { blockerId_blockedId: pair }, create: pair, update: {} }) : this.db.block.deleteMany({ where: pair }),
      ...(side ? [this.db.participant.updateMany({ where: side, data: { hidden: input.blocked } })] : []),
    ]);
    this.bus.publish('access', 'all', { kind: 'block', ...pair, blocked: input.blocked });
    // what the blocked user holds open on the DM ends, on every node
    if (side && input.blocked) this.bus.publish('conversation', side.conversationId, { kind: 'lost', conversationId: side.conversationId, userId: user.id, reason: 'blocked' });
    // unblocked: the DM is back in the user's total (what was written meanwhile counts now); blocked: they are told nothing
    if (side && !input.blocked) {
      const [row, total] = await Promise.all([
        this.db.participant.findUnique({ where: { conversationId_userId: side }, select: { unreadCount: true } }),
        this.unreadTotal(user.id),
      ]);
      if (row) this.bus.publish('user', user.id, { kind: 'unread', userId: user.id, total, conversationId: side.conversationId, conversationUnread: row.unreadCount, quiet: false });
    }
    return user;
  }

  /** Whether `blockerId` has blocked `blockedId` (asks made in the same turn share one query). */
  async hasBlocked(blockerId: number, blockedId: number): Promise<boolean> {
    if (blockerId === blockedId) return false;
    return (await this.#pairs.get(`${blockerId}:${blockedId}`)) === true;
  }

  /** Of the two users, the ones who have blocked the other. */
  async blockersAmong(a: number, b: number): Promise<number[]> {
    const [ab, ba] = await Promise.all([this.hasBlocked(a, b), this.hasBlocked(b, a)]);
    return [...(ab ? [a] : []), ...(ba ? [b] : [])];
  }

  /**
   * The users the viewer has blocked, kept current while held: blocks and unblocks made meanwhile on
   * any node apply at once (after a lost link between nodes, the set is read again).
   */
  async hiddenFrom(viewer: Viewer): Promise<HiddenUsers> {
    const hidden = new Set<number>();
    // changes heard while the set is read are applied again after it (the read may predate them)
    let heard: { blockedId: number; blocked: boolean }[] | null = null;
    const apply = (c: { blockedId: number; blocked: boolean }) => (c.blocked ? hidden.add(c.blockedId) : hidden.delete(c.blockedId));
    const reload = async () => {
      heard = [];
      try {
        const rows = await this.db.block.findMany({ where: { blockerId: viewer.id }, select: { blockedId: true } });
        hidden.clear();
        for (const r of rows) hidden.add(r.blockedId);
        for (const c of heard) apply(c);
      } finally {
        heard = null;
      }
    };
    const attachment = this.live.access({
      next: (e: AccessItem) => {
        // after a lost link the old set holds until it is read again
        if (e.kind === 'missed') return void reload().catch(() => undefined);
        if (e.kind !== 'block' || e.blockerId !== viewer.id) return;
        heard?.push(e);
        apply(e);
      },
      error: () => undefined,
    });
    try {
      await reload();
    } catch (e) {
      attachment.detach();
      throw e;
    }
    return { has: (userId) => hidden.has(userId), stop: () => attachment.detach() };
  }
}
