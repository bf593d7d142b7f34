import type { ReadReceipt as ReadReceiptShape } from '../modules/messages/message-feeds.js';
import { builder, shareable } from './builder.js';
import { User } from './user.js';

const ReadReceipt = builder.objectRef<ReadReceiptShape>('ReadReceipt').implement({
  fields: (t) => ({
    conversation: t.exposeString('conversationName', shareable),
    user: t.field({ type: User, description: 'Who read.', resolve: (r) => r.user, ...shareable }),
    lastReadMessageId: t.exposeID('lastReadMessageId', { nullable: true, description: 'The newest message they have read.', ...shareable }),
    at: t.field({ type: 'DateTime', resolve: (r) => r.at, ...shareable }),
  }),
});

builder.subscriptionField('readReceipts', (t) =>
  t.field({
    type: ReadReceipt,
    args: { conversation: t.arg.string({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const viewer = await ctx.viewer();
      const conv = await ctx.services.conversations.open(viewer, args.conversation);
      return ctx.services.conversations.whileMember(viewer, conv, ctx.services.messageFeeds.readReceipts(conv));
    },
    resolve: (r) => r,
    ...shareable,
  }),
);
