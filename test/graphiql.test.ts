import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './support/fixtures.js';
import { gqlOk, type TestUser } from './support/graphql.js';
import { SendMessageDocument } from './support/documents.js';

const CHROMIUM = '/usr/bin/chromium';
// In CI the browser must be there (.ci/run installs it); locally its absence skips, saying why.
const missing = !existsSync(CHROMIUM) && !process.env.CI;
const title = missing
  ? `GraphiQL in headless Chromium (SKIPPED: ${CHROMIUM} is missing; apt-get install -y chromium)`
  : 'GraphiQL in headless Chromium';
if (missing) console.warn(title);

let user: TestUser;
let browser: BrowserContext;
let profileDir: string;

describe.skipIf(missing)(title, () => {
  test.beforeAll(async ({ make }) => {
    user = await make.user('graphiql');
    profileDir = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  test.afterAll(async () => {
    await browser?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  test('loads with no request leaving the server and runs a query with an Authorization header', async ({ server }) => {
    const requests: string[] = [];
    browser.on('request', (r) => requests.push(r.url()));
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('websocket', (ws) => requests.push(ws.url()));
    const graphqlPosts: { body: string; authorization: string | undefined }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') graphqlPosts.push({ body: r.postData() ?? '', authorization: r.headers().authorization });
    });

    await page.goto(`${server.url}/graphql`, { waitUntil: 'load' });
    await expect(page.title()).resolves.toBe('Chat GraphQL');

    // The query editor (Monaco): replace the welcome text with a query.
    await page.locator('.graphiql-query-editor .monaco-editor').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('query Me { me { id username } }'); // what a user types: inline on purpose

    // The Headers tab: the token a user would paste.
    await page.getByRole('button', { name: 'Headers' }).click();
    await page.locator('.graphiql-editor-tool .monaco-editor:visible').first().click();
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${user.access}` }));

    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await response.getByText(user.username).first().waitFor({ timeout: 15_000 });
    const shown = (await response.innerText()).replace(/\u00a0/g, ' ');
    expect(shown).toContain(`"username": "${user.username}"`);
    expect(shown).toContain(`"id": "${user.id}"`);
    await page.screenshot({ path: '/tmp/graphiql.png' });

    const sent = graphqlPosts.find((p) => p.body.includes('query Me'));
    expect(sent?.authorization).toBe(`Bearer ${user.access}`);

    // Everything came from the test server (blob: URLs are the page's own worker scripts; data: never leaves).
    const origin = new URL(server.url).origin;
    const foreign = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(1);
  }, 60_000);
  test('runs a subscription typed in, with the token in the Headers tab: a message sent shows up', async ({ server, make }) => {
    const bob = await make.user('bob');
    const { name } = await make.conversation(bob, user);
    const page = await browser.newPage();
    await page.goto(`${server.url}/graphql`, { waitUntil: 'load' });
    // a first visit (nothing kept from the test before) opens on the tour
    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: 'load' });
    const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await editor.getByText('RegisterAlice').first().waitFor({ timeout: 15_000 });

    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(`subscription Listen { messageAdded(conversation: "${name}") { content sender { username } } }`);
    await page.getByRole('button', { name: 'Headers' }).click();
    await page.locator('.graphiql-editor-tool .monaco-editor:visible').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${user.access}` }));
    await page.locator('.graphiql-execute-button').click();

    // bob talks until the subscription (its socket opens after the click) shows what he said
    const response = page.locator('.graphiql-response');
    const said = response.getByText('hi from bob').first();
    const until = Date.now() + 15_000;
    while (!(await said.isVisible()) && Date.now() < until) {
      await gqlOk(server, SendMessageDocument, { conversation: name, content: 'hi from bob' }, bob.access);
      await said.waitFor({ timeout: 500 }).catch(() => undefined);
    }
    const shown = (await response.innerText()).replace(/\u00a0/g, ' ');
    expect(shown).toContain('"content": "hi from bob"');
    expect(shown).toContain(`"username": "${bob.username}"`);
    expect(shown).not.toContain('UNAUTHENTICATED');
    await page.screenshot({ path: '/tmp/graphiql-subscription.png' });
    await page.close();
  }, 60_000);
});

describe('the GraphiQL page', () => {
  const html = { accept: 'text/html' };
  test('is compressed, revalidated by ETag, and only for browsers: an API GET still gets JSON', async ({ server }) => {
    const br = await fetch(`${server.url}/graphql`, { headers: { ...html, 'accept-encoding': 'br' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(Number(br.headers.get('content-length'))).toBeLessThan(3_000_000);
    expect(br.headers.get('cache-control')).toBe('no-cache');
    expect(await br.text()).toContain('<title>Chat GraphQL</title>'); // fetch decodes it
    const gzip = await fetch(`${server.url}/graphql`, { headers: { ...html, 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    await gzip.arrayBuffer();
    const etag = br.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${server.url}/graphql`, { headers: { ...html, 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    const api = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
