/**
 * GraphiQL's starting document (a new tab gets it too): the first minutes of the README's tour, run
 * top to bottom. test/graphiql-tour.test.ts runs every operation of it, in order, as written.
 */
export const GRAPHIQL_TOUR = `# This is GraphiQL on your chat server. Run the operations below one at a
# time, top to bottom: put the cursor inside one and press Ctrl-Enter (or
# pick it from the list under the run button).
#
# 1. Two users. Copy alice's "access" token from the answer.
mutation RegisterAlice {
  register(username: "alice", password: "correct horse battery") {
    access
    user { id username }
  }
}

mutation RegisterBob {
  register(username: "bob", password: "battery staple horse") {
    user { id username }
  }
}

# Registered already? Log in instead, and copy that "access".
mutation LoginAlice {
  login(username: "alice", password: "correct horse battery") { access }
}

# 2. Open the Headers tab below and paste alice's token in:
#      {"Authorization": "Bearer <alice's access>"}
#    Every operation from here on runs as alice.

# 3. Open the direct conversation with bob: it is called "alice_bob".
mutation StartConversation {
  startConversation(usernames: ["bob"]) {
    id
    name
    participants { username }
  }
}

# 4. Listen, and leave it running. Open a second tab (the + above), put the
#    same header in its Headers tab and run SendMessage there: the message
#    shows up here.
subscription Listen {
  messageAdded(conversation: "alice_bob") {
    id
    content
    createdAt
    sender { username }
  }
}

# 5. Send.
mutation SendMessage {
  sendMessage(conversation: "alice_bob", content: "hello bob") {
    id
    cursor
    content
  }
}

# 6. History, newest first.
query History {
  messages(conversation: "alice_bob", first: 20) {
    edges { node { content createdAt sender { username } } }
  }
}

# 7. A named group: its name ("g-…") is its own, whoever joins or leaves.
#    Copy "name" from the answer into the next operation (admins rename,
#    add and remove people; anyone can leave). The README's tour goes on
#    from here.
mutation CreateGroup {
  createGroup(title: "Trip", usernames: ["bob"]) {
    name
    title
    admins { username }
    participants { username }
  }
}

mutation RenameGroup {
  updateConversation(conversation: "<name of the group>", title: "Trip to Lisbon") {
    title
  }
}
`;
