import type { UnreadUpdate } from '../modules/messages/messages.service.js';
import { builder } from './builder.js';

const UnreadCountEvent = builder.objectRef<UnreadUpdate>('UnreadCountEvent').implement({
  fields: (t) => ({
    total: t.exposeInt('total', { description: "The viewer's unread messages over all conversations." }),
    conversationId: t.exposeID('conversationId', { nullable: true, description: 'The conversation whose count changed; null in the first event.' }),
    conversationUnread: t.exposeInt('conversationUnread', { nullable: true }),
  }),
});

builder.subscriptionField('unreadCount', (t) =>
  t.field({
    type: UnreadCountEvent,
    description: "The viewer's unread counts: the current total first, then each change, on every device.",
    subscribe: async (_root, _args, ctx) => ctx.services.messages.unreadUpdates(await ctx.viewer()),
    resolve: (e) => e,
  }),
);
