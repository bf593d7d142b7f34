import { readFields, requireStrings } from './body.js';
import { ok, type Route } from './route.js';

const TOKEN_INVALID = () => ({ status: 401, body: { detail: 'Token is invalid or expired', code: 'token_not_valid' } });

/** simplejwt's token routes, the old /login/ and /register/. */
export const authRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/api\/token\/?$/,
    async handle({ req, services, limits, requestOrigin }) {
      const input = requireStrings(await readFields(req, limits.httpBodyMaxBytes), ['username', 'password']);
      const { refresh, access } = await services.users.login(input, requestOrigin);
      return ok({ refresh, access });
    },
  },
  {
    method: 'POST',
    path: /^\/api\/token\/refresh\/?$/,
    async handle({ req, services, limits }) {
      const { refresh } = requireStrings(await readFields(req, limits.httpBodyMaxBytes), ['refresh']);
      const tokens = await services.users.refresh(refresh);
      // simplejwt with ROTATE_REFRESH_TOKENS: the new refresh token comes back too (the old one is retired)
      return ok({ access: tokens.access, refresh: tokens.refresh });
    },
    errors: { UNAUTHENTICATED: TOKEN_INVALID },
  },
  {
    // simplejwt's TokenBlacklistView: logout by refresh token
    method: 'POST',
    path: /^\/api\/token\/blacklist\/?$/,
    async handle({ req, services, limits }) {
      const { refresh } = requireStrings(await readFields(req, limits.httpBodyMaxBytes), ['refresh']);
      await services.users.logoutByRefresh(refresh);
      return ok({});
    },
    errors: { UNAUTHENTICATED: TOKEN_INVALID },
  },
  {
    method: 'POST',
    path: /^\/login\/?$/,
    async handle({ req, services, limits, requestOrigin }) {
      const input = requireStrings(await readFields(req, limits.httpBodyMaxBytes), ['username', 'password']);
      const { refresh, access } = await services.users.login(input, requestOrigin);
      // "sucessfully" and "Refresh" are the old service's spelling; clients match on them.
      return ok({ msg: 'the user has been logged in sucessfully', tokens: { Refresh: refresh, access } });
    },
    errors: { 'UNAUTHENTICATED:invalid_credentials': () => ({ status: 401, body: { detail: 'The username or password is incorrect' } }) },
  },
  {
    method: 'POST',
    path: /^\/register\/?$/,
    async handle({ req, services, limits, requestOrigin }) {
      const input = requireStrings(await readFields(req, limits.httpBodyMaxBytes), ['username', 'password']);
      const { user } = await services.users.register(input, requestOrigin);
      return ok({ id: user.id, username: user.username }, 201);
    },
  },
];
