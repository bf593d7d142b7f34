import type { AuthUser, ChatClient } from '@chat-backend/client';
import { h } from './dom.js';
import { describeError } from './format.js';

/** Register or log in; resolves the form by calling `done` with the user. */
export function loginView(chat: ChatClient, done: (user: AuthUser) => void, notice = ''): HTMLElement {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, placeholder: 'alice', ariaLabel: 'Username' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, minLength: 8, placeholder: '8 characters or more', ariaLabel: 'Password' });
  const message = h('p', { className: 'form-error', role: 'alert', textContent: notice });
  const login = h('button', { type: 'submit', className: 'primary', textContent: 'Log in' });
  const register = h('button', { type: 'button', textContent: 'Create account' });

  const run = async (action: 'login' | 'register') => {
    if (!form.reportValidity()) return;
    login.disabled = register.disabled = true;
    message.textContent = '';
    try {
      done(await chat[action](username.value.trim(), password.value));
    } catch (e) {
      message.textContent = describeError(e);
    } finally {
      login.disabled = register.disabled = false;
    }
  };
  const form = h(
    'form',
    { className: 'login-card', onsubmit: (e: SubmitEvent) => (e.preventDefault(), void run('login')) },
    h('h1', null, 'Chat'),
    h('p', { className: 'muted' }, 'Log in, or create an account with a new username.'),
    h('label', null, 'Username', username),
    h('label', null, 'Password', password),
    message,
    h('div', { className: 'actions' }, login, register),
  );
  register.onclick = () => void run('register');
  return h('main', { className: 'login' }, form);
}
