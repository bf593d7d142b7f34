import type { Limits } from '../../config.js';
import { DomainError, badInput, notFound } from '../../errors.js';
import { Batched } from '../batched.js';
import type { ConversationsService } from '../conversations/conversations.service.js';
import type { EventBus } from '../events.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { plainText } from '../text.js';
import type { MessageWithReads, ReactionSummary, Viewer } from '../types.js';
import { publishChange } from './change-events.js';
import type { MessageStore } from './message-store.js';
import { toChatMessage } from './message.mapper.js';

/** One emoji as Unicode lists them (RGI: a single emoji, a sequence with skin tone, a flag, a ZWJ family…), nothing else. */
const ONE_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

/**
 * Reactions: a participant's emoji on a message of the conversation, at most once per (user, message,
 * emoji), at most REACTIONS_PER_MESSAGE_MAX different emoji per message. Each change is a `reactions`
 * event of the change log carrying the message's reactions as they are after it.
 */
export class MessageReactions {
  /** a page's messages ask for their reactions together: one query */
  readonly #loaded = new Batched<number, ReactionSummary[]>((seqs) => this.store.reactionsOf(seqs));

  constructor(
    private readonly store: MessageStore,
    private readonly bus: EventBus,
    private readonly conversations: Pick<ConversationsService, 'membersOf'>,
    private readonly rateLimits: RateLimits,
    private readonly limits: Limits,
  ) {}

  add(viewer: Viewer, input: { messageId: string; emoji: string }): Promise<MessageWithReads> {
    return this.change(viewer, input, true);
  }

  /** Taking off a reaction the viewer has not made changes nothing (and is not an error). */
  remove(viewer: Viewer, input: { messageId: string; emoji: string }): Promise<MessageWithReads> {
    return this.change(viewer, input, false);
  }

  /** A stored message's reactions, one entry per emoji in first-used order (batched with the others asked for meanwhile). */
  async of(seq: number): Promise<ReactionSummary[]> {
    return (await this.#loaded.get(seq)) ?? [];
  }

  private async change(viewer: Viewer, input: { messageId: string; emoji: string }, add: boolean): Promise<MessageWithReads> {
    plainText(input.messageId, 'messageId');
    plainText(input.emoji, 'emoji');
    if (!ONE_EMOJI.test(input.emoji)) throw badInput('A reaction is one emoji.', 'emoji', 'invalid_emoji');
    await this.rateLimits.consume('signals', viewer.id);
    const result = await this.store.react(input.messageId, viewer.id, input.emoji, add, this.limits.reactionsPerMessageMax);
    if (result === 'not_found') throw notFound('Message not found.');
    if (result === 'limit') {
      throw new DomainError('LIMIT_EXCEEDED', `A message takes at most ${this.limits.reactionsPerMessageMax} different emoji.`, {
        field: 'emoji',
        reason: 'too_many_reactions',
      });
    }
    const { row, event } = result;
    const of = (await this.conversations.membersOf([row.conversationId])).get(row.conversationId);
    if (!of) throw notFound('Message not found.');
    const reactions = (await this.store.reactionsOf([row.seq])).get(row.seq) ?? [];
    const message = { ...toChatMessage(row, of.ref), reactions };
    if (event) publishChange(this.bus, 'reactions', message, event, new Date().toISOString());
    return { message, reads: of.reads };
  }
}
