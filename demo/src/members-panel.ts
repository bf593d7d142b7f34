import type { ChatClient } from '@chat-backend/client';
import { AddParticipantsDocument, LeaveConversationDocument, RemoveParticipantDocument, SetAdminDocument, UpdateConversationDocument } from '@chat-backend/client/documents';
import { h, replaceChildren } from './dom.js';
import { describeError, splitUsernames, type ConversationNode, type Me } from './format.js';

type Group = Pick<ConversationNode, 'id' | 'name' | 'title' | 'participants' | 'admins'>;

export interface MembersHooks {
  /** an admin action here changed the group (the live event will say so too) */
  changed(group: Partial<ConversationNode> & Pick<ConversationNode, 'id'>): void;
  /** the viewer left the group */
  left(): void;
}

/**
 * A named group's members (admins marked), and what the viewer may do: admins rename, add people,
 * remove a member or make one admin; everyone may leave. A folded <details> under the pane's header.
 */
export class MembersPanel {
  readonly #summary = h('summary');
  readonly #list = h('ul', { className: 'member-list', ariaLabel: 'Members' });
  readonly #admin = h('div', { className: 'member-admin' });
  readonly #error = h('p', { className: 'form-error', role: 'alert' });
  readonly element: HTMLDetailsElement;
  #group: Group;

  constructor(
    private readonly chat: ChatClient,
    private readonly me: Me,
    group: Group,
    private readonly hooks: MembersHooks,
  ) {
    this.#group = group;
    const leave = h('button', { type: 'button', className: 'leave', textContent: 'Leave group' });
    leave.onclick = () => void this.#run(leave, async () => {
      await this.chat.request(LeaveConversationDocument, { conversation: this.#group.name });
      this.hooks.left();
    });
    this.#admin.append(
      this.#form('New title', 'Rename', async (title) => {
        const { updateConversation } = await this.chat.request(UpdateConversationDocument, { conversation: this.#group.name, title });
        this.#changed(updateConversation);
      }),
      this.#form('Usernames to add', 'Add', async (text) => {
        const usernames = splitUsernames(text, this.me);
        if (usernames.length === 0) return;
        const { addParticipants } = await this.chat.request(AddParticipantsDocument, { conversation: this.#group.name, usernames });
        this.#changed(addParticipants);
      }),
    );
    this.element = h('details', { className: 'members' }, this.#summary, this.#list, this.#admin, this.#error, leave);
    this.render();
  }

  update(group: Group): void {
    this.#group = group;
    this.render();
  }

  /** the viewer is no longer a member: nothing here works any more */
  disable(): void {
    for (const control of this.element.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')) control.disabled = true;
  }

  render(): void {
    const { participants, admins } = this.#group;
    const isAdmin = (id: string) => admins.some((a) => a.id === id);
    const iAmAdmin = isAdmin(this.me.id);
    this.#summary.textContent = `Members (${participants.length})`;
    this.#admin.hidden = !iAmAdmin;
    replaceChildren(
      this.#list,
      ...[...participants]
        .sort((a, b) => Number(isAdmin(b.id)) - Number(isAdmin(a.id)) || a.username.localeCompare(b.username))
        .map((p) => {
          const mine = p.id === this.me.id;
          const makeAdmin = h('button', { type: 'button', className: 'link', textContent: 'Make admin', ariaLabel: `Make ${p.username} admin` });
          makeAdmin.onclick = () => void this.#run(makeAdmin, async () => {
            const { setAdmin } = await this.chat.request(SetAdminDocument, { conversation: this.#group.name, username: p.username, admin: true });
            this.#changed(setAdmin);
          });
          const remove = h('button', { type: 'button', className: 'link danger', textContent: 'Remove', ariaLabel: `Remove ${p.username}` });
          remove.onclick = () => void this.#run(remove, async () => {
            const { removeParticipant } = await this.chat.request(RemoveParticipantDocument, { conversation: this.#group.name, username: p.username });
            this.#changed(removeParticipant);
          });
          return h(
            'li',
            { className: 'member', dataset: { username: p.username } },
            h('span', { className: 'member-name' }, p.username, mine ? h('span', { className: 'muted' }, ' (you)') : null),
            isAdmin(p.id) ? h('span', { className: 'admin-mark' }, 'admin') : null,
            iAmAdmin && !mine && !isAdmin(p.id) ? makeAdmin : null,
            iAmAdmin && !mine ? remove : null,
          );
        }),
    );
  }

  #changed(group: ConversationNode | Omit<ConversationNode, 'lastMessage'>): void {
    this.update(group);
    this.hooks.changed(group);
  }

  /** one input and a button: `action` gets the trimmed text, errors show under the panel */
  #form(label: string, button: string, action: (text: string) => Promise<void>): HTMLFormElement {
    const input = h('input', { ariaLabel: label, placeholder: label, required: true });
    const submit = h('button', { type: 'submit', textContent: button });
    return h(
      'form',
      {
        className: 'member-form',
        onsubmit: (e: SubmitEvent) => {
          e.preventDefault();
          void this.#run(submit, async () => {
            await action(input.value.trim());
            input.value = '';
          });
        },
      },
      input,
      submit,
    );
  }

  async #run(button: HTMLButtonElement, action: () => Promise<void>): Promise<void> {
    this.#error.textContent = '';
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      this.#error.textContent = describeError(error);
    } finally {
      button.disabled = false;
    }
  }
}
