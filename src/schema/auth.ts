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
    args: { refresh: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.users.refresh(args.refresh),
  }),
}));
