import type { UserRef } from '../modules/types.js';
import { builder, shareable } from './builder.js';
import { defineConnection, toConnection } from './page-info.js';

export const User = builder.objectRef<UserRef>('User').implement({
  fields: (t) => ({
    id: t.exposeID('id', shareable),
    username: t.exposeString('username', shareable),
    // per viewer (not shareable)
    lastSeenAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        "When the user's last connection closed (a WebSocket, either dialect, on any node): null while they are connected, if they never were, or if the viewer may not know (only the user and those who share a conversation with them may; never someone who blocked them).",
      resolve: async (u, _args, ctx) => {
        const at = await ctx.services.lastSeen.seenBy((await ctx.viewer()).id, u.id);
        return at?.toISOString() ?? null;
      },
    }),
    blocked: t.boolean({
      description: 'Blocked by the viewer (blockUser). Private: the blocked user is never told.',
      resolve: async (u, _args, ctx) => ctx.services.blocks.hasBlocked((await ctx.viewer()).id, u.id),
    }),
  }),
});

const UserConnection = defineConnection('User', User);

builder.mutationFields((t) => ({
  blockUser: t.field({
    type: User,
    description:
      'Blocks the user (idempotent): they cannot open or write to a DM with the viewer (answered as for a conversation that does not exist), and the viewer no longer sees their typing or presence. In groups both stay members; `User.blocked` lets the client hide them. The blocked user is never told.',
    args: { username: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.blocks.setBlocked(await ctx.viewer(), { username: args.username, blocked: true }),
  }),
  unblockUser: t.field({
    type: User,
    description: 'Undoes blockUser (idempotent).',
    args: { username: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.blocks.setBlocked(await ctx.viewer(), { username: args.username, blocked: false }),
  }),
}));

builder.queryFields((t) => ({
  me: t.field({
    type: User,
    resolve: (_root, _args, ctx) => ctx.viewer(),
  }),
  users: t.field({
    type: UserConnection,
    description: 'Active users in username order; `search` is a username prefix.',
    args: { search: t.arg.string(), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const viewer = await ctx.viewer();
      const page = await ctx.services.users.search(viewer, { search: args.search, first: args.first, after: args.after });
      return toConnection(page.items, page.hasMore, (u) => u.username, args.after != null);
    },
  }),
}));
