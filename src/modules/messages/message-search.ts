import type { Limits } from '../../config.js';
import type { ConversationsService } from '../conversations/conversations.service.js';
import { pageSize } from '../paging.js';
import type { MessageWithReads, Page, Viewer } from '../types.js';
import type { MessageStore } from './message-store.js';
import { toChatMessage } from './message.mapper.js';
import { searchTerms } from './search-terms.js';

/**
 * Finding messages again: the viewer's own conversations only (or the one named, which must be one of
 * them: a stranger's gets the same NOT_FOUND as history), newest first, every word of the text found
 * anywhere in the message (search-terms.ts). Indexed on both databases (ADR 022).
 */
export class MessageSearch {
  constructor(
    private readonly store: Pick<MessageStore, 'search'>,
    private readonly conversations: Pick<ConversationsService, 'resolve' | 'membersOf'>,
    private readonly limits: Limits,
  ) {}

  /** `before` is an exclusive seq bound (from a cursor of a previous page). */
  async search(viewer: Viewer, input: { query: string; conversation?: string | null; first?: number | null; before?: number | null }): Promise<Page<MessageWithReads>> {
    const terms = searchTerms(input.query);
    const first = pageSize(input.first, this.limits);
    let conversationId: string | null = null;
    if (input.conversation != null) {
      const conv = await this.conversations.resolve(viewer, input.conversation);
      if (!conv.exists) return { items: [], hasMore: false };
      conversationId = conv.id;
    }
    const rows = await this.store.search({ viewerId: viewer.id, conversationId, terms, before: input.before ?? null, limit: first + 1 });
    const page = rows.slice(0, first);
    const members = await this.conversations.membersOf([...new Set(page.map((r) => r.conversationId))]);
    return {
      items: page.flatMap((row) => {
        const of = members.get(row.conversationId);
        return of ? [{ message: toChatMessage(row, of.ref), reads: of.reads }] : [];
      }),
      hasMore: rows.length > first,
    };
  }
}
