import { describe, expect } from 'vitest';
import { test } from './support/fixtures.js';
import { api } from './support/legacy.js';

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const password = 'correct horse battery';

describe('POST /register/', () => {
  test('201 {"id","username"}; 400 per field on a taken, "_" or all-digit username and a weak password', async ({ server }) => {
    const res = await api(server, 'POST', '/register/', { json: { username: 'reg.alice', password } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json as object)).toEqual(['id', 'username']);
    expect(res.json).toMatchObject({ username: 'reg.alice' });
    const taken = await api(server, 'POST', '/register', { json: { username: 'reg.alice', password } });
    expect(taken.status).toBe(400);
    expect(taken.text).toBe('{"username":["A user with that username already exists."]}');
    for (const username of ['reg_bob', '12345']) {
      const bad = await api(server, 'POST', '/register/', { json: { username, password } });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.json as object)).toEqual(['username']);
    }
    const weak = await api(server, 'POST', '/register/', { form: { username: 'reg.carol', password: 'short' } });
    expect(weak.status).toBe(400);
    expect(Object.keys(weak.json as object)).toEqual(['password']);
  });
});

describe('POST /api/token/ and /api/token/refresh/', () => {
  test('JSON or form body → 200 {"refresh","access"}; bad credentials 401; missing fields 400 per field', async ({ server, make }) => {
    const u = await make.legacyUser('tok');
    for (const body of [{ json: { username: u.username, password } }, { form: { username: u.username, password } }]) {
      for (const path of ['/api/token/', '/api/token']) {
        const res = await api(server, 'POST', path, body);
        expect(res.status).toBe(200);
        expect(Object.keys(res.json as object)).toEqual(['refresh', 'access']);
        expect((res.json as { access: string }).access).toMatch(JWT);
      }
    }
    const wrong = await api(server, 'POST', '/api/token/', { json: { username: u.username, password: 'nope nope nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toBe('{"detail":"No active account found with the given credentials"}');
    const missing = await api(server, 'POST', '/api/token/', { json: {} });
    expect(missing.status).toBe(400);
    expect(missing.text).toBe('{"username":["This field is required."],"password":["This field is required."]}');
    const blank = await api(server, 'POST', '/api/token/', { form: { username: '', password } });
    expect(blank.text).toBe('{"username":["This field may not be blank."]}');
    const badJson = await api(server, 'POST', '/api/token/', { body: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(Object.keys(badJson.json as object)).toEqual(['detail']);
  });

  test('refresh → 200 {"access","refresh"} (rotated, as simplejwt with ROTATE_REFRESH_TOKENS); an access token or garbage → 401 token_not_valid', async ({ server, make }) => {
    const u = await make.legacyUser('ref');
    const res = await api(server, 'POST', '/api/token/refresh/', { json: { refresh: u.refresh } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json as object)).toEqual(['access', 'refresh']);
    const rotated = (res.json as { refresh: string }).refresh;
    expect(rotated).not.toBe(u.refresh);
    const form = await api(server, 'POST', '/api/token/refresh', { form: { refresh: rotated } });
    expect(form.status).toBe(200);
    for (const refresh of [u.access, 'garbage']) {
      const bad = await api(server, 'POST', '/api/token/refresh/', { json: { refresh } });
      expect(bad.status).toBe(401);
      expect(bad.text).toBe('{"detail":"Token is invalid or expired","code":"token_not_valid"}');
    }
    const missing = await api(server, 'POST', '/api/token/refresh/', { json: {} });
    expect(missing.text).toBe('{"refresh":["This field is required."]}');
  });
});

describe('POST /login/', () => {
  test('200 with the old keys exactly; bad credentials 401 with a detail', async ({ server, make }) => {
    const u = await make.legacyUser('login');
    const res = await api(server, 'POST', '/login/', { json: { username: u.username, password } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json as object)).toEqual(['msg', 'tokens']);
    const body = res.json as { msg: string; tokens: Record<string, string> };
    expect(body.msg).toBe('the user has been logged in sucessfully');
    expect(Object.keys(body.tokens)).toEqual(['Refresh', 'access']);
    // the tokens work
    expect((await api(server, 'GET', '/conversations/', { token: body.tokens.access })).status).toBe(200);
    expect((await api(server, 'POST', '/api/token/refresh/', { json: { refresh: body.tokens.Refresh } })).status).toBe(200);
    const bad = await api(server, 'POST', '/login', { form: { username: u.username, password: 'wrong password!' } });
    expect(bad.status).toBe(401);
    expect(bad.text).toBe('{"detail":"The username or password is incorrect"}');
  });
});

describe('Bearer authentication on the other routes', () => {
  test('none → 401 not provided; garbage or a refresh token → 401 token_not_valid (simplejwt body)', async ({ server, make }) => {
    const u = await make.legacyUser('bearer');
    const none = await api(server, 'GET', '/conversations/');
    expect(none.status).toBe(401);
    expect(none.text).toBe('{"detail":"Authentication credentials were not provided."}');
    for (const token of ['garbage', u.refresh]) {
      const bad = await api(server, 'GET', '/users/', { token });
      expect(bad.status).toBe(401);
      expect(Object.keys(bad.json as object)).toEqual(['detail', 'code', 'messages']);
      expect(bad.json).toMatchObject({ detail: 'Given token not valid for any token type', code: 'token_not_valid' });
    }
  });

  test('a route with the wrong method → 405; an unknown route → 404', async ({ server }) => {
    const put = await api(server, 'PUT', '/conversations/');
    expect(put.status).toBe(405);
    expect(put.text).toBe('{"detail":"Method \\"PUT\\" not allowed."}');
    expect((await api(server, 'GET', '/nope/')).status).toBe(404);
  });

  test('answers a CORS preflight (browser frontends on another origin)', async ({ server }) => {
    const res = await api(server, 'OPTIONS', '/messages/', {
      headers: { origin: 'http://frontend.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization');
  });
});
