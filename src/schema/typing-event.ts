import type { TypingUpdate } from '../modules/typing/typing.service.js';
import { builder, shareable } from './builder.js';
import { User } from './user.js';

const TypingEvent = builder.objectRef<TypingUpdate>('TypingEvent').implement({
  fields: (t) => ({
    conversation: t.exposeString('conversationName', shareable),
    user: t.field({ type: User, resolve: (e) => e.user, ...shareable }),
    typing: t.exposeBoolean('typing', shareable),
  }),
});

builder.mutationField('setTyping', (t) =>
  t.boolean({
    description:
      'Tells the other participants the viewer is (or stopped) typing. Not stored. A `true` lasts TYPING_TTL_SECONDS (default 6) unless sent again; it also ends when the viewer\'s message arrives and when their last connection to the conversation closes (subscribers then get `typing: false`).',
    args: { conversation: t.arg.string({ required: true }), typing: t.arg.boolean({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.typing.setTyping(await ctx.viewer(), args),
  }),
);

builder.subscriptionField('typing', (t) =>
  t.field({
    type: TypingEvent,
    description: "The other participants' typing indicators: `typing: false` also comes when a typing state ends by itself (see setTyping).",
    args: { conversation: t.arg.string({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const viewer = await ctx.viewer();
      const conv = await ctx.services.conversations.open(viewer, args.conversation);
      return ctx.services.conversations.whileMember(viewer, conv, ctx.services.typing.follow(viewer, conv));
    },
    resolve: (e) => e,
    ...shareable,
  }),
);
