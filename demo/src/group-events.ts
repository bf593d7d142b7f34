import type { ChatClient } from '@chat-backend/client';
import { ConversationDocument, ConversationEventsDocument } from '@chat-backend/client/documents';
import type { ConversationNode, Me } from './format.js';

export interface GroupHooks {
  /** a group of the viewer's was created, renamed, or gained or lost members: here it is now */
  changed(conversation: ConversationNode): void;
  /** the viewer is no longer a member (removed, or left on another device) */
  gone(id: string): void;
}

/**
 * Named groups' changes, live, across all the viewer's conversations: `events` without a conversation
 * (resumed by the client after a drop). A membership or title change reads the group again; an event
 * that removed the viewer (their last one of that group) says it is gone.
 */
export function watchGroups(chat: ChatClient, me: Me, hooks: GroupHooks): () => void {
  return chat.subscribe(ConversationEventsDocument, {}, {
    next: ({ data }) => {
      const event = data?.events;
      if (!event || (event.__typename !== 'MembershipChangedEvent' && event.__typename !== 'ConversationUpdatedEvent')) return;
      const { id, name } = event.conversation;
      if (event.__typename === 'MembershipChangedEvent' && event.removed.some((u) => u.id === me.id)) return hooks.gone(id);
      void chat
        .request(ConversationDocument, { name })
        .then(({ conversation }) => (conversation ? hooks.changed(conversation) : hooks.gone(id)))
        .catch(() => {
          // offline: a reconnect reloads the list
        });
    },
  });
}
