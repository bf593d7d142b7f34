/**
 * Typed documents for the tests, compiled by `npm run codegen` into test/gql/ (the generated `graphql()`
 * looks each one up by its exact text, so edit them in documents/, then regenerate). One file per topic:
 * accounts, conversations (and read state, typing), messages (and files), live (subscriptions), people (mute, block).
 *
 * A test writes a document inline only when the text itself is under test: raw graphql-ws or HTTP
 * frames, malformed or hostile documents (fuzz), or what a user types into GraphiQL.
 */
export * from './documents/accounts.js';
export * from './documents/conversations.js';
export * from './documents/live.js';
export * from './documents/messages.js';
export * from './documents/people.js';
export * from './documents/groups.js';
