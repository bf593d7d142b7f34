import { randomBytes } from 'node:crypto';
import { badInput } from '../../errors.js';

/** A username (letters, digits and `. @ + -`) or a user id. */
const USERNAME_OR_ID = /^[\p{L}\p{N}.@+-]+$/u;

/** A conversation name parsed into the participant set it names (not yet checked against the database). */
export type ParsedRoomName = { kind: 'ids'; ids: number[] } | { kind: 'usernames'; usernames: string[] };

/**
 * `alice_bob` (usernames) or `1_2_3` (user ids), in any order. Pure syntax: the service resolves
 * the names to users and checks the caller is one of them.
 */
export function parseRoomName(name: string, maxParticipants: number): ParsedRoomName {
  const parts = name.split('_');
  if (name.length === 0 || parts.some((p) => p.length === 0)) {
    throw badInput('Malformed conversation name: use usernames or user ids joined by "_".', 'conversation', 'invalid_room_name');
  }
  const unique = [...new Set(parts)];
  if (unique.length > maxParticipants) {
    throw badInput(`A conversation has at most ${maxParticipants} participants.`, 'conversation', 'too_many_participants');
  }
  // every part a user id or a possible username: anything else names nobody (and never reaches a query)
  if (unique.some((p) => !USERNAME_OR_ID.test(p))) {
    throw badInput('Malformed conversation name: use usernames or user ids joined by "_".', 'conversation', 'invalid_room_name');
  }
  if (unique.every((p) => /^\d+$/.test(p))) {
    const ids = unique.map(Number);
    if (ids.some((id) => !Number.isSafeInteger(id))) {
      throw badInput('Malformed conversation name: user id out of range.', 'conversation', 'invalid_room_name');
    }
    return { kind: 'ids', ids: ids.sort((a, b) => a - b) };
  }
  if (unique.some((p) => /^\d+$/.test(p))) {
    throw badInput('Malformed conversation name: do not mix usernames and user ids.', 'conversation', 'invalid_room_name');
  }
  return { kind: 'usernames', usernames: unique.sort() };
}

/** The canonical name: sorted usernames for two people, sorted ids for groups. */
export function canonicalName(participants: { id: number; username: string }[]): string {
  if (participants.length === 2) return participants.map((p) => p.username).sort().join('_');
  return participants.map((p) => p.id).sort((a, b) => a - b).join('_');
}

export function participantKey(ids: number[]): string {
  return [...ids].sort((a, b) => a - b).join('_');
}

/** A named group's own name (ADR 026): one part, so it never names a participant set (those need two). */
const GROUP_NAME = /^g-[a-z0-9]{16}$/;

export function isGroupName(name: string): boolean {
  return GROUP_NAME.test(name);
}

const NAME_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh named-group name: `g-` and 16 random letters and digits (~82 bits). */
export function newGroupName(): string {
  // 252 = 7 × 36: bytes at or above it are skipped, so every character is equally likely
  const chars: string[] = [];
  while (chars.length < 16) for (const b of randomBytes(24)) if (b < 252 && chars.length < 16) chars.push(NAME_ALPHABET[b % 36]!);
  return `g-${chars.join('')}`;
}

/** DIRECT: two people's participant set; GROUP: an id-group or a named group (of any size). */
export function conversationKind(name: string, participantCount: number): 'DIRECT' | 'GROUP' {
  return isGroupName(name) || participantCount > 2 ? 'GROUP' : 'DIRECT';
}
