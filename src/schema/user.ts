import type { UserRef } from '../modules/types.js';
import { builder, shareable } from './builder.js';
import { defineConnection, toConnection } from './page-info.js';

export const User = builder.objectRef<UserRef>('User').implement({
  fields: (t) => ({
    id: t.exposeID('id', shareable),
    username: t.exposeString('username', shareable),
  }),
});

const UserConnection = defineConnection('User', User);

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
