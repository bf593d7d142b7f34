import { graphql } from '../../gql/index.js';

/** Accounts and the viewer. */

export const RegisterDocument = graphql(`
  mutation Register($username: String!, $password: String!) {
    register(username: $username, password: $password) {
      access
      refresh
      user {
        id
        username
      }
    }
  }
`);

export const LoginDocument = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      access
    }
  }
`);

export const MeDocument = graphql(`
  query Me {
    me {
      id
      username
    }
  }
`);

/** The smallest query there is: `{ __typename }`, answered without a viewer. */
export const TypenameDocument = graphql(`
  query Typename {
    __typename
  }
`);

export const UserIdsDocument = graphql(`
  query UserIds {
    users {
      edges {
        node {
          id
        }
      }
    }
  }
`);
