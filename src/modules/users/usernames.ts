import { badInput } from '../../errors.js';

/**
 * Usernames: 1..max chars of letters, digits and `. @ + -` (Django's set without `_`, the room-name
 * separator), and not all digits (that would read as a user id in a room name).
 */
const USERNAME = /^[\p{L}\p{N}.@+-]+$/u;

export function validateUsername(username: string, maxLength: number): string {
  if (username.length === 0) throw badInput('This field may not be blank.', 'username', 'blank');
  if (username.length > maxLength) {
    throw badInput(`Ensure this field has no more than ${maxLength} characters.`, 'username', 'max_length');
  }
  if (username.includes('_')) {
    throw badInput('Usernames may not contain "_" (it separates names in a conversation name).', 'username', 'invalid');
  }
  if (!USERNAME.test(username)) {
    throw badInput('Enter a valid username. This value may contain only letters, numbers, and ./@/+/- characters.', 'username', 'invalid');
  }
  if (/^\d+$/.test(username)) throw badInput('A username may not be only digits.', 'username', 'invalid');
  return username;
}

export function validatePassword(password: string, min: number, max: number): string {
  if (password.length < min) {
    throw badInput(`This password is too short. It must contain at least ${min} characters.`, 'password', 'password_too_short');
  }
  if (password.length > max) throw badInput(`Ensure this field has no more than ${max} characters.`, 'password', 'max_length');
  return password;
}
