import { graphql } from '../../gql/index.js';

/** Mute and block (ADR 025). */

export const SetMutedDocument = graphql(`
  mutation SetMuted($conversation: String!, $muted: Boolean!) {
    setMuted(conversation: $conversation, muted: $muted) {
      name
      muted
      unreadCount
    }
  }
`);

/** A conversation's muted flag and unread count for the viewer, and the viewer's total. */
export const ConversationMutedDocument = graphql(`
  query ConversationMuted($name: String!) {
    conversation(name: $name) {
      muted
      unreadCount
    }
    unreadCount
  }
`);

export const BlockUserDocument = graphql(`
  mutation BlockUser($username: String!) {
    blockUser(username: $username) {
      username
      blocked
    }
  }
`);

export const UnblockUserDocument = graphql(`
  mutation UnblockUser($username: String!) {
    unblockUser(username: $username) {
      username
      blocked
    }
  }
`);

/** The participants of a conversation, as blocked or not by the viewer. */
export const ParticipantsBlockedDocument = graphql(`
  query ParticipantsBlocked($name: String!) {
    conversation(name: $name) {
      participants {
        username
        blocked
      }
    }
  }
`);

/** Users by name prefix, with when each was last seen (as the viewer may know it). */
export const UsersLastSeenDocument = graphql(`
  query UsersLastSeen($search: String!) {
    users(search: $search, first: 10) {
      edges {
        node {
          username
          lastSeenAt
        }
      }
    }
  }
`);
