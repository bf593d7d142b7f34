import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './support/fixtures.js';
import type { TestUser } from './support/graphql.js';

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
});
