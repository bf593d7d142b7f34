import type { PresenceUpdate } from '../modules/presence/presence.service.js';
import { builder, shareable } from './builder.js';
import { User } from './user.js';

const PresenceKind = builder.enumType('PresenceKind', {
  values: { SNAPSHOT: { value: 'snapshot' }, JOIN: { value: 'join' }, LEAVE: { value: 'leave' } } as const,
});

const PresenceEvent = builder.objectRef<PresenceUpdate>('PresenceEvent').implement({
  fields: (t) => ({
    kind: t.field({ type: PresenceKind, resolve: (e) => e.kind, ...shareable }),
    conversation: t.exposeString('conversationName', shareable),
    user: t.field({ type: User, nullable: true, description: 'Who joined or left; null in the snapshot.', resolve: (e) => e.user, ...shareable }),
    online: t.field({ type: [User], description: 'Everyone online in the conversation after this event.', resolve: (e) => e.online, ...shareable }),
  }),
});

builder.subscriptionField('presence', (t) =>
  t.field({
    type: PresenceEvent,
    description:
      'Who is online in a conversation: a SNAPSHOT first, then JOIN/LEAVE. The subscription itself counts as a connection (one per tab), so the viewer is online while it lasts.',
    args: { conversation: t.arg.string({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const viewer = await ctx.viewer();
      const conv = await ctx.services.conversations.open(viewer, args.conversation);
      return ctx.services.conversations.whileMember(viewer, conv, ctx.services.presence.follow(viewer, conv));
    },
    resolve: (e) => e,
    ...shareable,
  }),
);
