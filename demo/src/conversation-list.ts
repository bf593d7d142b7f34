import type { ChatClient } from '@chat-backend/client';
import { ConversationsDocument, NotificationsDocument, UnreadCountDocument } from '@chat-backend/client/documents';
import { h, replaceChildren } from './dom.js';
import { conversationTitle, type ConversationNode, type Me } from './format.js';

/**
 * The sidebar's list: the `conversations` query, kept live by `unreadCount` (badges) and
 * `notifications` (previews, order). A conversation it does not know yet (someone wrote first) makes
 * it load the list again. Named groups' changes come from chat-view (group-events.ts) through
 * upsert and remove.
 */
export class ConversationList {
  readonly element = h('ul', { className: 'conversation-list', ariaLabel: 'Conversations' });
  readonly #byId = new Map<string, ConversationNode>();
  #active: string | null = null;
  #stops: (() => void)[] = [];
  #reloading: Promise<void> | null = null;

  constructor(
    private readonly chat: ChatClient,
    private readonly me: Me,
    private readonly open: (conversation: ConversationNode) => void,
  ) {}

  start(): void {
    void this.reload();
    this.#stops.push(
      this.chat.subscribe(UnreadCountDocument, {}, {
        next: ({ data }) => {
          const event = data?.unreadCount;
          if (!event?.conversationId) return;
          const known = this.#byId.get(event.conversationId);
          if (!known) return void this.reload();
          known.unreadCount = event.conversationUnread ?? 0;
          this.render();
        },
      }),
      this.chat.subscribe(NotificationsDocument, {}, {
        next: ({ data }) => {
          const message = data?.notifications;
          if (!message) return;
          const known = this.#byId.get(message.conversationId);
          if (!known) return void this.reload();
          known.lastMessage = message;
          known.lastActivityAt = message.createdAt;
          this.render();
        },
      }),
    );
    // after a reconnect, counts may have moved while the socket was down
    this.#stops.push(this.chat.ws.on('connected', (_socket, _payload, wasRetry) => void (wasRetry && this.reload())));
  }

  stop(): void {
    for (const stop of this.#stops) stop();
  }

  /** Adds or updates a conversation (one just started, or one whose count changed here). */
  upsert(conversation: ConversationNode): void {
    this.#byId.set(conversation.id, { ...this.#byId.get(conversation.id), ...conversation });
    this.render();
  }

  /** A group the viewer left or was removed from. */
  remove(id: string): void {
    if (this.#byId.delete(id)) this.render();
  }

  setMuted(id: string, muted: boolean): void {
    const known = this.#byId.get(id);
    if (!known) return;
    known.muted = muted;
    this.render();
  }

  setActive(id: string | null): void {
    this.#active = id;
    const known = id ? this.#byId.get(id) : undefined;
    if (known) known.unreadCount = 0;
    this.render();
  }

  /** A message of ours (or one read in the open pane) moves its conversation up. */
  touch(id: string, lastMessage: ConversationNode['lastMessage']): void {
    const known = this.#byId.get(id);
    if (!known || !lastMessage) return;
    known.lastMessage = lastMessage;
    known.lastActivityAt = lastMessage.createdAt;
    this.render();
  }

  reload(): Promise<void> {
    this.#reloading ??= this.chat
      .request(ConversationsDocument, { first: 50 })
      .then((data) => {
        for (const edge of data.conversations.edges) this.#byId.set(edge.node.id, edge.node);
        if (this.#active) this.setActive(this.#active);
        this.render();
      })
      .catch(() => {
        // offline: the list stays as it was; a reconnect reloads it
      })
      .finally(() => {
        this.#reloading = null;
      });
    return this.#reloading;
  }

  render(): void {
    const items = [...this.#byId.values()].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
    if (items.length === 0) {
      replaceChildren(this.element, h('li', { className: 'empty muted' }, 'No conversations yet. Start one above.'));
      return;
    }
    replaceChildren(
      this.element,
      ...items.map((c) => {
        const title = conversationTitle(c, this.me);
        const preview = c.lastMessage ? `${c.lastMessage.mine ? 'You: ' : ''}${c.lastMessage.file && !c.lastMessage.content ? `${c.lastMessage.file.mimeType.startsWith('image/') ? 'Photo' : 'File'}: ${c.lastMessage.file.name}` : c.lastMessage.content}` : 'No messages yet';
        const unread = c.id === this.#active ? 0 : c.unreadCount;
        return h(
          'li',
          null,
          h(
            'button',
            {
              className: `conversation${c.id === this.#active ? ' active' : ''}${c.muted ? ' muted' : ''}`,
              dataset: { conversation: c.name },
              onclick: () => this.open(c),
            },
            h('span', { className: 'avatar', ariaHidden: 'true' }, title.slice(0, 1).toUpperCase()),
            h('span', { className: 'conversation-text' }, h('span', { className: 'conversation-title' }, title), h('span', { className: 'conversation-preview' }, preview)),
            c.muted ? h('span', { className: 'muted-mark', title: 'Muted', ariaLabel: 'Muted' }, '🔕') : null,
            unread > 0 ? h('span', { className: `badge${c.muted ? ' quiet' : ''}`, ariaLabel: `${unread} unread` }, unread > 99 ? '99+' : unread) : null,
          ),
        );
      }),
    );
  }
}
