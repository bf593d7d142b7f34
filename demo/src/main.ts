import { createChatClient, type Tokens } from '@chat-backend/client';
import { MeDocument } from '@chat-backend/client/documents';
import { chatView } from './chat-view.js';
import { replaceChildren } from './dom.js';
import { loginView } from './login-view.js';
import './styles.css';

const STORAGE_KEY = 'chat-demo.tokens';
const root = document.getElementById('root')!;

// Tokens live in this tab's localStorage; the client reads them again before each refresh, so two
// tabs never present a refresh token the other one has already traded (rotation-safe).
const chat = createChatClient({
  url: '/graphql',
  storage: {
    load: () => parseTokens(localStorage.getItem(STORAGE_KEY)),
    save: (tokens) => (tokens ? localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens)) : localStorage.removeItem(STORAGE_KEY)),
  },
  onSessionEnded: () => showLogin('Your session has ended. Please log in again.'),
});

let current: { dispose(): void } | null = null;

function showLogin(notice = ''): void {
  current?.dispose();
  current = null;
  replaceChildren(root, loginView(chat, (user) => showChat(user), notice));
}

function showChat(me: { id: string; username: string }): void {
  current?.dispose();
  const view = chatView(chat, me, () => {
    void chat.logout();
    showLogin();
  });
  current = view;
  replaceChildren(root, view.element);
}

function parseTokens(text: string | null): Tokens | null {
  try {
    const value = JSON.parse(text ?? 'null') as Partial<Tokens> | null;
    return typeof value?.access === 'string' && typeof value.refresh === 'string' ? { access: value.access, refresh: value.refresh } : null;
  } catch {
    return null;
  }
}

await chat.tokens.restore();
if (chat.tokens.tokens) {
  try {
    showChat((await chat.request(MeDocument)).me);
  } catch {
    showLogin();
  }
} else showLogin();
