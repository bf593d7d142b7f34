import type { ChatClient } from '@chat-backend/client';
import { StartConversationDocument } from '@chat-backend/client/documents';
import { ConversationList } from './conversation-list.js';
import { ConversationPane } from './conversation-pane.js';
import { h, replaceChildren } from './dom.js';
import { describeError, splitUsernames, type ConversationNode, type Me } from './format.js';
import { watchGroups } from './group-events.js';
import { newGroupForm } from './new-group-form.js';

/** The two-pane layout: conversations on the left, the open one on the right (one at a time on a phone). */
export function chatView(chat: ChatClient, me: Me, logout: () => void): { element: HTMLElement; dispose(): void } {
  const main = h('main', { className: 'pane-slot' }, h('div', { className: 'placeholder muted' }, 'Pick a conversation, or start one.'));
  const banner = h('div', { className: 'banner', role: 'status', hidden: true }, 'Connection lost. Reconnecting…');
  let pane: ConversationPane | null = null;

  const open = (conversation: ConversationNode) => {
    if (pane?.conversation.id === conversation.id && !pane.isEnded) return;
    pane?.dispose();
    pane = new ConversationPane(chat, conversation, me, {
      back: close,
      touched: (message) => list.touch(conversation.id, message),
      muted: (muted) => list.setMuted(conversation.id, muted),
      read: () => list.setActive(conversation.id),
      changed: (changed) => list.upsert({ ...conversation, ...changed }),
      left: () => {
        list.remove(conversation.id);
        close();
      },
    });
    list.setActive(conversation.id);
    root.classList.add('show-pane');
    replaceChildren(main, pane.element);
    void pane.start();
  };
  const close = () => {
    pane?.dispose();
    pane = null;
    list.setActive(null);
    root.classList.remove('show-pane');
    replaceChildren(main, h('div', { className: 'placeholder muted' }, 'Pick a conversation, or start one.'));
  };
  const list = new ConversationList(chat, me, open);

  const usernames = h('input', { placeholder: 'bob, or bob, carol for a group', ariaLabel: 'Usernames to chat with', required: true });
  const startError = h('p', { className: 'form-error', role: 'alert' });
  const start = h(
    'form',
    {
      className: 'start',
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        startError.textContent = '';
        const names = splitUsernames(usernames.value, me);
        if (names.length === 0) return;
        try {
          const { startConversation } = await chat.request(StartConversationDocument, { usernames: names });
          const conversation: ConversationNode = { ...startConversation, lastMessage: null };
          usernames.value = '';
          list.upsert(conversation);
          open(conversation);
        } catch (error) {
          startError.textContent = describeError(error);
        }
      },
    },
    usernames,
    h('button', { type: 'submit', textContent: 'Chat' }),
  );

  const sidebar = h(
    'aside',
    { className: 'sidebar' },
    h('header', { className: 'sidebar-header' }, h('strong', { className: 'me' }, me.username), h('button', { className: 'link', textContent: 'Log out', onclick: logout })),
    start,
    startError,
    newGroupForm(chat, me, (group) => {
      list.upsert(group);
      open(group);
    }),
    list.element,
  );
  const root = h('div', { className: 'app' }, sidebar, main, banner);

  const offConnected = chat.ws.on('connected', () => (banner.hidden = true));
  const offClosed = chat.ws.on('closed', (event) => {
    if ((event as { code?: number }).code !== 1000) banner.hidden = false;
  });
  list.start();
  // named groups: the viewer added elsewhere, removed, or the members or title changed
  const offGroups = watchGroups(chat, me, {
    changed: (conversation) => {
      list.upsert(conversation);
      if (pane?.conversation.id === conversation.id) pane.update({ ...pane.conversation, ...conversation });
    },
    gone: (id) => {
      list.remove(id);
      if (pane?.conversation.id === id) pane.ended();
    },
  });
  return {
    element: root,
    dispose() {
      pane?.dispose();
      list.stop();
      offGroups();
      offConnected();
      offClosed();
    },
  };
}
