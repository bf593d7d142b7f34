import type { ChatClient, OutboxEntry, SentMessage } from '@chat-backend/client';
import { MarkReadDocument, MessageAddedDocument, MessagesDocument, PresenceDocument, ReadReceiptsDocument, SetMutedDocument, SetTypingDocument, TypingDocument } from '@chat-backend/client/documents';
import { h, replaceChildren } from './dom.js';
import { conversationTitle, describeError, isNamedGroup, sizeOf, timeOf, type ConversationNode, type Me } from './format.js';
import { MembersPanel } from './members-panel.js';

const PAGE = 30;
const TYPING_SHOWN_MS = 6000;
const TYPING_IDLE_MS = 3000;
const TYPING_REPEAT_MS = 2500;

export interface PaneHooks {
  back(): void;
  /** the conversation was muted or unmuted here */
  muted(muted: boolean): void;
  /** a message arrived or was read here: the list updates its preview and badge */
  touched(message: SentMessage): void;
  read(): void;
  /** a named group changed here (renamed, members added or removed) */
  changed(conversation: Partial<ConversationNode> & Pick<ConversationNode, 'id'>): void;
  /** the viewer left this named group */
  left(): void;
}

/**
 * One open conversation: history (scroll back with `messages(after:)`), live messages (`messageAdded`
 * resumed by the client after drops), typing, presence, read receipts, sends through the outbox.
 * The live subscription is the only source of the ordered list; a send shows as pending until its
 * clientId comes back on it.
 */
export class ConversationPane {
  readonly element: HTMLElement;
  readonly #list = h('ol', { className: 'messages', ariaLive: 'polite' });
  readonly #scroller: HTMLElement;
  readonly #older = h('button', { className: 'older', textContent: 'Load older messages', hidden: true });
  readonly #status = h('span', { className: 'status muted' });
  readonly #typing = h('div', { className: 'typing', ariaLive: 'polite' });
  readonly #input = h('textarea', { rows: 1, placeholder: 'Message', ariaLabel: 'Message', maxLength: 4096 });
  readonly #error = h('div', { className: 'send-error', role: 'alert' });
  readonly #heading = h('h2');
  readonly #composer: HTMLFormElement;
  readonly #members: MembersPanel | null = null;
  #ended = false;
  readonly #messages: SentMessage[] = [];
  readonly #nodes = new Map<string, HTMLElement>();
  /** sends stored by the server, not yet back on the live subscription */
  readonly #confirmed = new Map<string, SentMessage>();
  #pending: OutboxEntry<SentMessage>[] = [];
  readonly #lastRead = new Map<string, string | null>();
  readonly #typingUsers = new Map<string, ReturnType<typeof setTimeout>>();
  #online: string[] = [];
  #olderCursor: string | null = null;
  #loadingOlder = false;
  #stops: (() => void)[] = [];
  #typingSentAt = 0;
  #typingIdle: ReturnType<typeof setTimeout> | undefined;
  #markTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly chat: ChatClient,
    public conversation: ConversationNode,
    private readonly me: Me,
    private readonly hooks: PaneHooks,
  ) {
    const file = h('input', { type: 'file', hidden: true, multiple: true, ariaLabel: 'Attach files' });
    file.onchange = () => {
      for (const f of file.files ?? []) void this.#send({ file: f });
      file.value = '';
    };
    this.#input.onkeydown = (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        void this.#sendText();
      }
    };
    this.#input.oninput = () => this.#typed();
    this.#older.onclick = () => void this.#loadOlder();
    this.#scroller = h('div', { className: 'scroller' }, this.#older, this.#list);
    this.#scroller.onscroll = () => {
      if (this.#scroller.scrollTop < 80 && this.#olderCursor) void this.#loadOlder();
    };
    this.#heading.textContent = conversationTitle(conversation, me);
    if (isNamedGroup(conversation)) {
      this.#members = new MembersPanel(chat, me, conversation, { changed: (c) => (this.update({ ...this.conversation, ...c }), hooks.changed(c)), left: () => hooks.left() });
    }
    this.#composer = h(
      'form',
      { className: 'composer', onsubmit: (e: SubmitEvent) => (e.preventDefault(), void this.#sendText()) },
      h('label', { className: 'attach', title: 'Attach a file' }, paperclip(), file),
      this.#input,
      h('button', { type: 'submit', className: 'primary', textContent: 'Send' }),
    );
    this.element = h(
      'section',
      { className: 'pane', dataset: { conversation: conversation.name } },
      h(
        'header',
        { className: 'pane-header' },
        h('button', { className: 'back', ariaLabel: 'Back to conversations', textContent: '‹', onclick: () => hooks.back() }),
        h('div', { className: 'pane-title' }, this.#heading, this.#status),
        this.#muteButton(),
      ),
      this.#members?.element,
      this.#scroller,
      this.#typing,
      this.#error,
      this.#composer,
    );
  }

  /** The conversation as it is now (a named group renamed, or its members changed elsewhere). */
  update(conversation: ConversationNode): void {
    if (this.#ended) return;
    this.conversation = conversation;
    this.#heading.textContent = conversationTitle(conversation, this.me);
    this.#members?.update(conversation);
    this.#render();
  }

  get isEnded(): boolean {
    return this.#ended;
  }

  /** The viewer was removed from this group (or left it elsewhere): say so, and stop. */
  ended(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.dispose();
    this.#members?.disable();
    this.#typing.textContent = '';
    this.#status.textContent = '';
    this.#error.textContent = '';
    this.element.classList.add('ended');
    this.#composer.replaceWith(h('p', { className: 'ended-notice', role: 'status' }, 'You are no longer a member of this group.'));
  }

  /** Mute / Unmute: a muted conversation keeps its badge but sends no notifications (setMuted). */
  #muteButton(): HTMLButtonElement {
    let muted = this.conversation.muted;
    const button = h('button', { className: 'mute', type: 'button' });
    const show = () => {
      button.textContent = muted ? 'Unmute' : 'Mute';
      button.setAttribute('aria-pressed', String(muted));
    };
    button.onclick = async () => {
      button.disabled = true;
      try {
        const { setMuted } = await this.chat.request(SetMutedDocument, { conversation: this.conversation.name, muted: !muted });
        muted = setMuted.muted;
        this.hooks.muted(muted);
        show();
      } catch (error) {
        this.#error.textContent = describeError(error);
      } finally {
        button.disabled = false;
      }
    };
    show();
    return button;
  }

  async start(): Promise<void> {
    const name = this.conversation.name;
    this.#stops.push(
      this.chat.outbox.subscribe((entries) => {
        this.#pending = entries.filter((e) => e.conversation === name);
        this.#render();
      }),
    );
    this.#pending = this.chat.outbox.entries().filter((e) => e.conversation === name);
    await this.#loadFirstPage();
    this.#listen();
    this.#markReadSoon();
    this.#input.focus();
  }

  dispose(): void {
    for (const stop of this.#stops.splice(0)) stop();
    clearTimeout(this.#typingIdle);
    clearTimeout(this.#markTimer);
    for (const timer of this.#typingUsers.values()) clearTimeout(timer);
    if (this.#typingSentAt) void this.#setTyping(false);
  }

  async #loadFirstPage(): Promise<void> {
    try {
      const page = await this.chat.request(MessagesDocument, { conversation: this.conversation.name, first: PAGE });
      const known = new Set(this.#messages.map((m) => m.id));
      const fresh = page.messages.edges.map((e) => e.node).filter((m) => !known.has(m.id)).reverse();
      this.#messages.unshift(...fresh);
      if (this.#olderCursor === null) this.#olderCursor = page.messages.pageInfo.hasNextPage ? page.messages.pageInfo.endCursor ?? null : null;
      this.#render({ toBottom: true });
    } catch (e) {
      this.#error.textContent = `Could not load the history: ${describeError(e)}`;
    }
  }

  #listen(): void {
    if (this.#ended) return;
    const conversation = this.conversation.name;
    const newest = this.#messages.at(-1)?.cursor ?? null;
    this.#stops.push(
      // Resumed by the client: every (re)subscribe carries the cursor of the last message delivered.
      this.chat.subscribe(MessageAddedDocument, { conversation, after: newest }, {
        next: ({ data }) => data && this.#arrived(data.messageAdded),
        error: (e) => void (this.#ended || (this.#error.textContent = `Live updates stopped: ${describeError(e)}`)),
      }),
      this.chat.subscribe(TypingDocument, { conversation }, {
        next: ({ data }) => data && this.#typingEvent(data.typing.user.username, data.typing.typing),
      }),
      this.chat.subscribe(PresenceDocument, { conversation }, {
        next: ({ data }) => {
          if (!data) return;
          this.#online = data.presence.online.filter((u) => u.id !== this.me.id).map((u) => u.username);
          this.#renderStatus();
        },
      }),
      this.chat.subscribe(ReadReceiptsDocument, { conversation }, {
        next: ({ data }) => {
          if (!data || data.readReceipts.user.id === this.me.id) return;
          this.#lastRead.set(data.readReceipts.user.id, data.readReceipts.lastReadMessageId ?? null);
          this.#render();
        },
      }),
      // A conversation without any message has no cursor to resume from: after a reconnect, read
      // the newest page again (the client cannot know what it missed).
      this.chat.ws.on('connected', (_socket, _payload, wasRetry) => {
        if (wasRetry && this.#messages.length === 0) void this.#loadFirstPage();
      }),
    );
  }

  #arrived(message: SentMessage): void {
    if (!this.#messages.some((m) => m.id === message.id)) this.#messages.push(message);
    if (message.clientId) this.#confirmed.delete(message.clientId);
    this.#typingEvent(message.sender.username, false);
    this.hooks.touched(message);
    this.#render({ toBottom: message.mine || this.#nearBottom() });
    if (!message.mine) this.#markReadSoon();
  }

  async #loadOlder(): Promise<void> {
    if (this.#loadingOlder || !this.#olderCursor) return;
    this.#loadingOlder = true;
    try {
      const page = await this.chat.request(MessagesDocument, { conversation: this.conversation.name, first: PAGE, after: this.#olderCursor });
      const older = page.messages.edges.map((e) => e.node).reverse();
      this.#olderCursor = page.messages.pageInfo.hasNextPage ? page.messages.pageInfo.endCursor ?? null : null;
      const fromBottom = this.#scroller.scrollHeight - this.#scroller.scrollTop;
      this.#messages.unshift(...older.filter((m) => !this.#messages.some((k) => k.id === m.id)));
      this.#render();
      this.#scroller.scrollTop = this.#scroller.scrollHeight - fromBottom;
    } catch (e) {
      this.#error.textContent = `Could not load older messages: ${describeError(e)}`;
    } finally {
      this.#loadingOlder = false;
    }
  }

  async #sendText(): Promise<void> {
    const content = this.#input.value.trim();
    if (!content) return;
    this.#input.value = '';
    await this.#send({ content });
  }

  async #send(what: { content: string } | { file: File }): Promise<void> {
    clearTimeout(this.#typingIdle);
    if (this.#typingSentAt) void this.#setTyping(false);
    this.#error.textContent = '';
    const conversation = this.conversation.name;
    try {
      const sent = 'file' in what ? await this.chat.outbox.sendFile({ conversation, file: what.file }) : await this.chat.outbox.send({ conversation, content: what.content });
      if (sent.clientId && !this.#messages.some((m) => m.id === sent.id)) this.#confirmed.set(sent.clientId, sent);
      this.#render({ toBottom: true });
    } catch (e) {
      this.#error.textContent = `Not sent: ${describeError(e)}`;
    }
  }

  #typed(): void {
    const now = Date.now();
    if (now - this.#typingSentAt > TYPING_REPEAT_MS) {
      this.#typingSentAt = now;
      void this.#setTyping(true);
    }
    clearTimeout(this.#typingIdle);
    this.#typingIdle = setTimeout(() => void this.#setTyping(false), TYPING_IDLE_MS);
  }

  async #setTyping(typing: boolean): Promise<void> {
    if (!typing) this.#typingSentAt = 0;
    await this.chat.request(SetTypingDocument, { conversation: this.conversation.name, typing }).catch(() => {
      // best effort: a typing indicator is not worth a retry
    });
  }

  #typingEvent(username: string, typing: boolean): void {
    if (username === this.me.username) return;
    clearTimeout(this.#typingUsers.get(username));
    if (typing) this.#typingUsers.set(username, setTimeout(() => this.#typingEvent(username, false), TYPING_SHOWN_MS));
    else this.#typingUsers.delete(username);
    const who = [...this.#typingUsers.keys()];
    this.#typing.textContent = who.length === 0 ? '' : `${who.join(', ')} ${who.length === 1 ? 'is' : 'are'} typing…`;
  }

  /** Marks the conversation read while it is on screen. */
  #markReadSoon(): void {
    clearTimeout(this.#markTimer);
    this.#markTimer = setTimeout(() => {
      if (document.visibilityState !== 'visible') return;
      void this.chat
        .request(MarkReadDocument, { conversation: this.conversation.name })
        .then(() => this.hooks.read())
        .catch(() => {});
    }, 250);
  }

  #nearBottom(): boolean {
    return this.#scroller.scrollHeight - this.#scroller.scrollTop - this.#scroller.clientHeight < 120;
  }

  #renderStatus(): void {
    const n = this.#online.length;
    this.#status.textContent = this.conversation.isGroup ? `${n} online` : n > 0 ? 'online' : 'offline';
    this.#status.classList.toggle('online', n > 0);
  }

  #render(options: { toBottom?: boolean } = {}): void {
    const bottom = options.toBottom ?? this.#nearBottom();
    this.#older.hidden = this.#olderCursor === null;
    const delivered = new Set(this.#messages.map((m) => m.clientId).filter(Boolean));
    const pending = this.#pending.filter((e) => !delivered.has(e.clientId));
    const confirmed = [...this.#confirmed.values()].filter((m) => !pending.some((p) => p.clientId === m.clientId));
    replaceChildren(
      this.#list,
      ...this.#messages.map((m, i) => this.#messageNode(m, i)),
      ...confirmed.map((m) => this.#messageNode(m, -1)),
      ...pending.map((e) => this.#pendingNode(e)),
    );
    if (bottom) this.#scroller.scrollTop = this.#scroller.scrollHeight;
  }

  #messageNode(message: SentMessage, index: number): HTMLElement {
    let node = this.#nodes.get(message.id);
    if (!node) {
      node = h(
        'li',
        { className: `message${message.mine ? ' mine' : ''}`, dataset: { id: message.id } },
        this.conversation.isGroup && !message.mine ? h('span', { className: 'sender' }, message.sender.username) : null,
        message.file ? attachment(message.file) : null,
        message.content ? h('p', { className: 'text' }, message.content) : null,
        h('span', { className: 'meta' }, h('time', { dateTime: message.createdAt }, timeOf(message.createdAt)), message.mine ? h('span', { className: 'receipt' }) : null),
      );
      this.#nodes.set(message.id, node);
    }
    const receipt = node.querySelector<HTMLElement>('.receipt');
    if (receipt) {
      const read = index >= 0 && this.#readByOthers(message, index);
      receipt.textContent = read ? '✓✓' : '✓';
      receipt.title = read ? 'Read' : 'Sent';
      receipt.classList.toggle('read', read);
    }
    return node;
  }

  #readByOthers(message: SentMessage, index: number): boolean {
    if (message.readByAll) return true;
    const others = this.conversation.participants.filter((p) => p.id !== this.me.id);
    return (
      others.length > 0 &&
      others.every((o) => {
        const last = this.#lastRead.get(o.id);
        return last != null && this.#messages.findIndex((m) => m.id === last) >= index;
      })
    );
  }

  #pendingNode(entry: OutboxEntry<SentMessage>): HTMLElement {
    const failed = entry.state === 'failed';
    return h(
      'li',
      { className: `message mine pending${failed ? ' failed' : ''}`, dataset: { clientId: entry.clientId } },
      entry.file ? h('p', { className: 'text' }, `${(entry.file as File).name ?? 'file'} (${sizeOf(entry.file.size)})`) : null,
      entry.content ? h('p', { className: 'text' }, entry.content) : null,
      h(
        'span',
        { className: 'meta' },
        failed ? 'Not sent' : entry.attempts > 1 ? 'Retrying…' : 'Sending…',
        failed
          ? h('button', {
              className: 'link',
              textContent: 'Retry',
              onclick: () => {
                this.chat.outbox.discard(entry.clientId);
                const file = entry.file as File | null;
                void this.#send(file ? { file } : { content: entry.content });
              },
            })
          : null,
      ),
    );
  }
}

function attachment(file: NonNullable<SentMessage['file']>): HTMLElement {
  if (file.mimeType.startsWith('image/')) {
    return h('a', { href: file.url, target: '_blank', rel: 'noopener', className: 'attachment' }, h('img', { src: file.url, alt: file.name, loading: 'lazy' }));
  }
  return h('a', { href: file.url, target: '_blank', rel: 'noopener', className: 'attachment file' }, paperclip(), `${file.name} (${sizeOf(file.size)})`);
}

/** An inline icon (no icon font, no emoji font needed). */
function paperclip(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M16.5 6.5v9.25a4.5 4.5 0 0 1-9 0V5.5a3 3 0 0 1 6 0v9.75a1.5 1.5 0 0 1-3 0V6.5');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '1.8');
  path.setAttribute('stroke-linecap', 'round');
  svg.append(path);
  return svg;
}
