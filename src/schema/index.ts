import { builder } from './builder.js';
import './scalars.js';
import './page-info.js';
import './user.js';
import './auth.js';
import './message.js';
import './conversation.js';
import './typing-event.js';
import './presence-event.js';
import './read-receipt.js';
import './unread-count-event.js';
import './chat-event.js';

export function buildSchema() {
  return builder.toSchema({ sortSchema: false });
}
