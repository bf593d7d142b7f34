import type { ChatClient } from '@chat-backend/client';
import { CreateGroupDocument } from '@chat-backend/client/documents';
import { h } from './dom.js';
import { describeError, splitUsernames, type ConversationNode, type Me } from './format.js';

/** "New group" in the sidebar: a title and comma-separated usernames → createGroup; `created` opens it. */
export function newGroupForm(chat: ChatClient, me: Me, created: (group: ConversationNode) => void): HTMLDetailsElement {
  const title = h('input', { placeholder: 'Title', ariaLabel: 'Title of the new group', required: true, maxLength: 100 });
  const usernames = h('input', { placeholder: 'bob, carol', ariaLabel: 'Members of the new group', required: true });
  const create = h('button', { type: 'submit', className: 'primary', textContent: 'Create group' });
  const error = h('p', { className: 'form-error', role: 'alert' });
  const form = h(
    'form',
    {
      className: 'new-group-form',
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        error.textContent = '';
        create.disabled = true;
        try {
          const { createGroup } = await chat.request(CreateGroupDocument, { title: title.value.trim(), usernames: splitUsernames(usernames.value, me) });
          title.value = usernames.value = '';
          details.open = false;
          created({ ...createGroup, lastMessage: null });
        } catch (err) {
          error.textContent = describeError(err);
        } finally {
          create.disabled = false;
        }
      },
    },
    title,
    usernames,
    create,
  );
  const details = h('details', { className: 'new-group' }, h('summary', null, 'New group'), form, error);
  return details;
}
