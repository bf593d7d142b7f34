import type { Db } from '../../db/database.js';
import { Batched } from '../batched.js';

/**
 * When users were last seen (ADR 025): the time their last WebSocket closed (any node, either dialect;
 * the presence store tells when that is), null while one is open or if they never connected. Shown to
 * the user and to those who share a conversation with them, but never to someone who blocked them
 * (their presence is hidden from the blocker) nor across a DM hidden by a block.
 */
export class LastSeen {
  /** `${viewerId}:${userId}` → the time, when the viewer may see it (a page of users asks once per viewer) */
  readonly #visible = new Batched<string, Date | null>(async (keys) => {
    const byViewer = new Map<number, number[]>();
    for (const key of keys) {
      const [viewer, user] = key.split(':').map(Number) as [number, number];
      byViewer.set(viewer, [...(byViewer.get(viewer) ?? []), user]);
    }
    const found = new Map<string, Date | null>();
    for (const [viewer, users] of byViewer) {
      const others = users.filter((u) => u !== viewer);
      const [shared, blocked] = await Promise.all([
        others.length
          ? this.db.participant.findMany({
              where: { userId: { in: others }, hidden: false, conversation: { participants: { some: { userId: viewer, hidden: false } } } },
              select: { userId: true },
              distinct: ['userId'],
            })
          : [],
        others.length ? this.db.block.findMany({ where: { blockerId: viewer, blockedId: { in: others } }, select: { blockedId: true } }) : [],
      ]);
      const hiddenFromViewer = new Set(blocked.map((b) => b.blockedId));
      const visible = [...(users.includes(viewer) ? [viewer] : []), ...shared.map((s) => s.userId).filter((u) => !hiddenFromViewer.has(u))];
      const rows = visible.length ? await this.db.user.findMany({ where: { id: { in: visible } }, select: { id: true, lastSeenAt: true } }) : [];
      for (const r of rows) found.set(`${viewer}:${r.id}`, r.lastSeenAt);
    }
    return found;
  });

  constructor(private readonly db: Db) {}

  /** Stores the time (null: connected now). A user deleted meanwhile is no error. */
  async set(userId: number, at: Date | null): Promise<void> {
    await this.db.user.updateMany({ where: { id: userId }, data: { lastSeenAt: at } });
  }

  /** When `userId` was last seen, as the viewer may know it (null: online, never, or not the viewer's to know). */
  async seenBy(viewerId: number, userId: number): Promise<Date | null> {
    return (await this.#visible.get(`${viewerId}:${userId}`)) ?? null;
  }
}
