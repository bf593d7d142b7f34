import type { AuthResult } from '../modules/users/users.service.js';
import { builder } from './builder.js';
import { User } from './user.js';

const AuthPayload = builder.objectRef<AuthResult>('AuthPayload').implement({
  description: 'simplejwt-compatible tokens: send `access` as `Authorization: Bearer <access>`; trade `refresh` for new tokens.',
  fields: (t) => ({
    access: t.exposeString('access'),
    refresh: t.exposeString('refresh'),
    user: t.field({ type: User, resolve: (p) => p.user }),
  }),
});

builder.mutationFields((t) => ({
  register: t.field({
    type: AuthPayload,
    args: { username: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.users.register(args, ctx.requestOrigin),
  }),
  login: t.field({
    type: AuthPayload,
    args: { username: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.users.login(args, ctx.requestOrigin),
  }),
  refreshToken: t.field({
    type: AuthPayload,
    description:
      'A new pair for a refresh token. The refresh token given is retired (keep the new one): presented again later it ends the whole session (within REFRESH_REUSE_GRACE_SECONDS it gets the current pair again, for an answer that was lost).',
    args: { refresh: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.users.refresh(args.refresh),
  }),
  logout: t.boolean({
    description: "Ends this session: its refresh token stops working and its sockets close, on every node.",
    resolve: async (_root, _args, ctx) => ctx.services.users.logout(await ctx.auth()),
  }),
  logoutEverywhere: t.boolean({
    description: 'Ends every session of the viewer, this one included.',
    resolve: async (_root, _args, ctx) => ctx.services.users.logoutEverywhere(await ctx.auth()),
  }),
  changePassword: t.boolean({
    description: 'Sets a new password (the current one proves it is you) and ends every other session.',
    args: { oldPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.users.changePassword(await ctx.auth(), args),
  }),
  deactivateAccount: t.boolean({
    description: 'Closes the account (the password proves it is you): nobody can log in as it any more, and every session and socket ends.',
    args: { password: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.users.deactivateAccount(await ctx.auth(), args),
  }),
}));
