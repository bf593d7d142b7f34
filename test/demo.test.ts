import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendText, startConversation } from './support/chat.js';
import { ensureDemoBuilt } from './support/demo-build.js';
import { ConversationMutedDocument } from './support/documents.js';
import { gqlOk, registerUser } from './support/graphql.js';
import { startServer, type TestServer } from './support/server.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { pngImage } from './support/upload.js';

/**
 * The demo chat at `/`, in headless Chromium: two people in two browser contexts. bob's browser
 * reaches the server through a TCP proxy the test cuts, to drop his network while alice sends.
 */

const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM) && !process.env.CI;
const title = missing ? `the demo chat in headless Chromium (SKIPPED: ${CHROMIUM} is missing; apt-get install -y chromium)` : 'the demo chat in headless Chromium';
if (missing) console.warn(title);

let server: TestServer;
let proxy: TcpProxy;
let browser: Browser;
const contexts: BrowserContext[] = [];
const run = `${process.pid}${Date.now() % 100000}`;
const aliceName = `alice${run}`;
const bobName = `bob${run}`;

async function openAs(url: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 960, height: 640 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.locator('.sidebar .me', { hasText: username }).waitFor({ timeout: 10_000 });
  expect(errors).toEqual([]);
  return page;
}

/** The texts of the open conversation's delivered messages, in order. */
const texts = (page: Page) => page.locator('.messages .message:not(.pending) .text').allInnerTexts();

/** The open group's members as its panel shows them: "name" or "name admin", in the panel's order. */
const members = (page: Page) =>
  page.locator('.members .member').evaluateAll((rows) => rows.map((r) => `${r.querySelector('.member-name')?.firstChild?.textContent ?? ''}${r.querySelector('.admin-mark') ? ' admin' : ''}`));

describe.skipIf(missing)(title, () => {
  beforeAll(async () => {
    await ensureDemoBuilt();
    server = await startServer();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await proxy?.close();
    await server?.close();
  });

  it('two people chat: live messages, unread badge, read receipt, typing, an image, and a network drop', async () => {
    const alice = await openAs(`${server.url}/`, aliceName);
    const bob = await openAs(`http://127.0.0.1:${proxy.port}/`, bobName);

    // alice opens a DM with bob and writes
    await alice.getByLabel('Usernames to chat with').fill(bobName);
    await alice.getByRole('button', { name: 'Chat', exact: true }).click();
    await alice.locator('.pane h2', { hasText: bobName }).waitFor();
    await alice.getByLabel('Message').fill('hi bob');
    await alice.getByLabel('Message').press('Enter');
    await alice.locator('.message.mine:not(.pending) .text', { hasText: 'hi bob' }).waitFor();

    // bob sees the conversation appear with an unread badge, live
    const bobsItem = bob.locator('.conversation', { hasText: aliceName });
    await expect.poll(() => bobsItem.locator('.badge').textContent(), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => bobsItem.locator('.conversation-preview').textContent()).toBe('hi bob');

    // he opens it: the badge clears, alice sees her message read
    await bobsItem.click();
    await bob.locator('.message .text', { hasText: 'hi bob' }).waitFor();
    await expect.poll(() => bobsItem.locator('.badge').count()).toBe(0);
    await alice.locator('.message.mine .receipt.read').waitFor({ timeout: 10_000 });
    await expect.poll(() => alice.locator('.pane .status').textContent(), { timeout: 10_000 }).toBe('online');

    // bob types: alice sees it
    await bob.getByLabel('Message').pressSequentially('typing something', { delay: 20 });
    await expect.poll(() => alice.locator('.typing').textContent(), { timeout: 10_000 }).toBe(`${bobName} is typing…`);
    await bob.getByLabel('Message').press('Enter');
    await alice.locator('.message:not(.mine) .text', { hasText: 'typing something' }).waitFor();
    await expect.poll(() => alice.locator('.typing').textContent()).toBe('');

    // bob sends an image: alice sees the preview (a signed link in <img src>)
    await bob.getByLabel('Attach files').setInputFiles({ name: 'red.png', mimeType: 'image/png', buffer: pngImage(48, 32, [220, 40, 60]) });
    const preview = alice.locator('.message:not(.mine) .attachment img');
    await preview.waitFor({ timeout: 10_000 });
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 10_000 }).toBe(48);

    // bob's network drops while alice sends; when it is back, he has every message once, in order
    proxy.cut();
    await bob.locator('.banner').waitFor({ state: 'visible', timeout: 10_000 });
    const burst = ['d1', 'd2', 'd3', 'd4', 'd5'];
    for (const text of burst) {
      await alice.getByLabel('Message').fill(text);
      await alice.getByLabel('Message').press('Enter');
    }
    await alice.locator('.message.mine:not(.pending) .text', { hasText: 'd5' }).waitFor();
    proxy.restore();
    await expect.poll(async () => (await texts(bob)).filter((t) => /^d\d$/.test(t)), { timeout: 20_000 }).toEqual(burst);
    await bob.locator('.banner').waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await texts(bob)).toEqual(['hi bob', 'typing something', ...burst]);
    // bob has the conversation open: what arrived after the drop is read too, and alice sees it
    await alice.locator('.message.mine', { hasText: 'd5' }).locator('.receipt.read').waitFor({ timeout: 10_000 });
    await alice.screenshot({ path: '/tmp/demo-alice.png' });

    // alice's own network drops (the browser goes offline) while she sends: her outbox keeps the
    // message and sends it once she is back; bob gets it once
    await alice.context().setOffline(true);
    await alice.getByLabel('Message').fill('sent while offline');
    await alice.getByLabel('Message').press('Enter');
    await alice.locator('.message.pending .text', { hasText: 'sent while offline' }).waitFor();
    await alice.context().setOffline(false);
    await alice.locator('.message.mine:not(.pending) .text', { hasText: 'sent while offline' }).waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await texts(bob)).filter((t) => t === 'sent while offline'), { timeout: 20_000 }).toEqual(['sent while offline']);
  }, 90_000);

  it('logs in, scrolls back through history page by page, and starts a group', async () => {
    const carol = await registerUser(server, 'carol');
    const dave = await registerUser(server, 'dave');
    const erin = await registerUser(server, 'erin');
    const room = (await startConversation(server, dave, [carol])).name;
    const history = Array.from({ length: 45 }, (_, i) => `h${i + 1}`);
    for (const text of history) await sendText(server, dave, room, text);

    const context = await browser.newContext({ viewport: { width: 390, height: 760 } }); // a phone
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Username').fill(carol.username);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    const item = page.locator('.conversation', { hasText: dave.username });
    await expect.poll(() => item.locator('.badge').textContent(), { timeout: 10_000 }).toBe('45');
    await item.click();
    // the newest page first, then older pages as she scrolls up
    await expect.poll(async () => (await texts(page)).at(-1)).toBe('h45');
    expect((await texts(page)).length).toBe(30);
    await page.locator('.scroller').evaluate((el) => el.scrollTo(0, 0));
    await expect.poll(() => texts(page), { timeout: 10_000 }).toEqual(history);
    await expect.poll(() => page.locator('.older').isHidden()).toBe(true);

    // back to the list (one pane at a time on a phone), and a group of three
    await page.getByRole('button', { name: 'Back to conversations' }).click();
    await page.getByLabel('Usernames to chat with').fill(`${dave.username}, ${erin.username}`);
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.locator('.pane h2', { hasText: `${dave.username}, ${erin.username}` }).waitFor();
    await page.getByLabel('Message').fill('hello group');
    await page.getByLabel('Message').press('Enter');
    await page.locator('.message.mine:not(.pending) .text', { hasText: 'hello group' }).waitFor();
    await page.screenshot({ path: '/tmp/demo-phone.png' });

    // muting the group: the button says so, the list marks it, the server has it
    await page.getByRole('button', { name: 'Mute', exact: true }).click();
    await page.getByRole('button', { name: 'Unmute', exact: true }).waitFor();
    const groupName = [carol, dave, erin].map((u) => Number(u.id)).sort((a, b) => a - b).join('_');
    await expect.poll(async () => (await gqlOk(server, ConversationMutedDocument, { name: groupName }, carol.access)).conversation?.muted).toBe(true);
    await page.getByRole('button', { name: 'Back to conversations' }).click();
    await page.locator('.conversation.muted .muted-mark').waitFor();
  }, 60_000);
  it('named groups: create one, it appears to a member, the admin adds, removes and renames, a member leaves', async () => {
    const [annName, benName, catName] = ['ann', 'ben', 'cat'].map((n) => `${n}${run}`) as [string, string, string];
    const ann = await openAs(`${server.url}/`, annName);
    const ben = await openAs(`${server.url}/`, benName);
    const cat = await openAs(`${server.url}/`, catName);
    const dave = await registerUser(server, 'dave');

    // ann creates "Trip" with ben and cat: it opens, titled, with her as its admin
    await ann.locator('.new-group summary').click();
    await ann.getByLabel('Title of the new group').fill('Trip');
    await ann.getByLabel('Members of the new group').fill(`${benName}, ${catName}`);
    await ann.getByRole('button', { name: 'Create group' }).click();
    await ann.locator('.pane h2', { hasText: 'Trip' }).waitFor();
    await ann.locator('.conversation-title', { hasText: 'Trip' }).waitFor();
    await ann.locator('.members summary', { hasText: 'Members (3)' }).click();
    expect(await members(ann)).toEqual([`${annName} admin`, benName, catName]);

    // an unknown username: the server's refusal shows in the panel
    await ann.getByLabel('Usernames to add').fill(`nobody${run}`);
    await ann.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => ann.locator('.members .form-error').textContent()).toBe('Unknown username.');

    // ben's list shows the group live, by its title; he is no admin, so he only sees the members
    const bensTrip = ben.locator('.conversation', { hasText: 'Trip' });
    await bensTrip.waitFor({ timeout: 10_000 });
    await bensTrip.click();
    await ben.locator('.pane h2', { hasText: 'Trip' }).waitFor();
    await ben.locator('.members summary').click();
    expect(await members(ben)).toEqual([`${annName} admin`, benName, catName]);
    expect(await ben.getByLabel('Usernames to add').isVisible()).toBe(false);
    expect(await ben.getByRole('button', { name: /^Remove / }).count()).toBe(0);

    // ann adds dave and renames the group: ben sees both, live
    await ann.getByLabel('Usernames to add').fill(dave.username);
    await ann.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => members(ben), { timeout: 10_000 }).toEqual([`${annName} admin`, benName, catName, dave.username]);
    await expect.poll(() => ann.locator('.members .form-error').textContent()).toBe('');
    await ann.getByLabel('New title').fill('Trip to Lyon');
    await ann.getByRole('button', { name: 'Rename' }).click();
    await ben.locator('.pane h2', { hasText: 'Trip to Lyon' }).waitFor({ timeout: 10_000 });
    await bensTrip.locator('.conversation-title', { hasText: 'Trip to Lyon' }).waitFor();

    // cat has it open when ann removes her: her pane says so, her list drops it
    const catsTrip = cat.locator('.conversation', { hasText: 'Trip to Lyon' });
    await catsTrip.click();
    await cat.locator('.pane h2', { hasText: 'Trip to Lyon' }).waitFor();
    await ann.getByRole('button', { name: `Remove ${catName}` }).click();
    await cat.locator('.ended-notice', { hasText: 'You are no longer a member of this group.' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => catsTrip.count()).toBe(0);
    expect(await cat.getByLabel('Message').count()).toBe(0);
    await expect.poll(() => members(ben), { timeout: 10_000 }).toEqual([`${annName} admin`, benName, dave.username]);

    // ben leaves: the pane closes and the group leaves his list; ann sees him go
    await ben.getByRole('button', { name: 'Leave group' }).click();
    await ben.locator('.placeholder').waitFor();
    await expect.poll(() => bensTrip.count()).toBe(0);
    await expect.poll(() => members(ann), { timeout: 10_000 }).toEqual([`${annName} admin`, dave.username]);
    await ann.screenshot({ path: '/tmp/demo-group.png' });
  }, 90_000);
});
