import { graphql } from '../../gql/index.js';

/** Named groups (ADR 026): kinds, titles, admins, changing members, and their events. */

/** What the group tests compare on a conversation: its kind, title, admins and members. */
export const GroupFieldsFragment = graphql(`
  fragment GroupFields on Conversation {
    id
    name
    kind
    isGroup
    title
    admins {
      username
    }
    participants {
      username
    }
  }
`);

export const CreateGroupDocument = graphql(`
  mutation CreateGroup($title: String!, $usernames: [String!]!) {
    createGroup(title: $title, usernames: $usernames) {
      ...GroupFields
      unreadCount
      muted
    }
  }
`);

/** A DM or an id-group, as startConversation answers it, with the fields named groups added. */
export const StartConversationKindDocument = graphql(`
  mutation StartConversationKind($usernames: [String!]) {
    startConversation(usernames: $usernames) {
      ...GroupFields
    }
  }
`);

/** One conversation as the viewer sees it (null: not theirs, or no such conversation), with the viewer's counts. */
export const GroupDocument = graphql(`
  query Group($name: String!) {
    conversation(name: $name) {
      ...GroupFields
      unreadCount
      muted
    }
    unreadCount
  }
`);

/** The viewer's conversations (first 50) with their kinds and titles. */
export const ConversationKindsDocument = graphql(`
  query ConversationKinds {
    conversations(first: 50) {
      edges {
        node {
          name
          kind
          title
          unreadCount
        }
      }
    }
  }
`);

export const UpdateConversationDocument = graphql(`
  mutation UpdateConversation($conversation: String!, $title: String) {
    updateConversation(conversation: $conversation, title: $title) {
      ...GroupFields
    }
  }
`);

export const AddParticipantsDocument = graphql(`
  mutation AddParticipants($conversation: String!, $usernames: [String!]!) {
    addParticipants(conversation: $conversation, usernames: $usernames) {
      ...GroupFields
    }
  }
`);

export const RemoveParticipantDocument = graphql(`
  mutation RemoveParticipant($conversation: String!, $username: String!) {
    removeParticipant(conversation: $conversation, username: $username) {
      ...GroupFields
    }
  }
`);

export const SetAdminDocument = graphql(`
  mutation SetAdmin($conversation: String!, $username: String!, $admin: Boolean!) {
    setAdmin(conversation: $conversation, username: $username, admin: $admin) {
      ...GroupFields
    }
  }
`);

export const LeaveConversationDocument = graphql(`
  mutation LeaveConversation($conversation: String!) {
    leaveConversation(conversation: $conversation)
  }
`);

/** The change log with the membership and conversation events. */
export const GroupEventsDocument = graphql(`
  subscription GroupEvents($conversation: String, $after: String) {
    events(conversation: $conversation, after: $after) {
      __typename
      cursor
      conversation {
        name
      }
      ... on MessageAddedEvent {
        message {
          id
          content
        }
      }
      ... on MembershipChangedEvent {
        added {
          username
        }
        removed {
          username
        }
      }
      ... on ConversationUpdatedEvent {
        conversation {
          title
          admins {
            username
          }
        }
      }
    }
  }
`);
