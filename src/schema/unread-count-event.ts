import type { UnreadUpdate } from '../modules/messages/message-feeds.js';
import { builder, shareable } from './builder.js';

const UnreadCountEvent = builder.objectRef<UnreadUpdate>('UnreadCountEvent').implement({
  fields: (t) => ({
    // the viewer's own stream's items: the same for whoever renders them
    total: t.exposeInt('total', { description: "The viewer's unread messages over all conversations.", ...shareable }),
    conversationId: t.exposeID('conversationId', { nullable: true, description: 'The conversation whose count changed; null in the first event.', ...shareable }),
    conversationUnread: t.exposeInt('conversationUnread', { nullable: true, ...shareable }),
  }),
});

builder.subscriptionField('unreadCount', (t) =>
  t.field({
    type: UnreadCountEvent,
    description: "The viewer's unread counts: the current total first, then each change, on every device.",
    subscribe: async (_root, _args, ctx) => ctx.services.messageFeeds.unreadUpdates(await ctx.viewer()),
    resolve: (e) => e,
    ...shareable,
  }),
);
