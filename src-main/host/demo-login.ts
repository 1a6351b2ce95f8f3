import type { MethodOutput } from '../../src-shared/api/contract.js';
import type { ApiRouter } from '../core/api-router.js';

export interface DemoLogin {
  email: string;
  password: string;
}

/** Reads `email:password` (as in WORKSTATION_DEMO_LOGIN); the password may itself hold colons. */
export function parseDemoLogin(value: string | undefined): DemoLogin | null {
  if (!value) return null;
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) return null;
  return { email: value.slice(0, colon), password: value.slice(colon + 1) };
}

/**
 * Signs the demo agent in when nobody is signed in yet, through the same router the renderer
 * uses. Never throws: a relay that is down leaves the workstation running offline.
 */
export async function signInDemoAgent(router: ApiRouter, login: DemoLogin, say: (line: string) => void): Promise<void> {
  const session = await router.handle('session.get', {});
  if (!session.ok) {
    say(`Could not read the session (${session.error.message}); skipping the demo sign-in.`);
    return;
  }
  const current = (session.value as MethodOutput<'session.get'>).agent;
  if (current) {
    say(`Already signed in as ${current.email}.`);
    return;
  }
  const result = await router.handle('session.login', login);
  if (result.ok) say(`Signed in as ${login.email}.`);
  else say(`Could not sign in as ${login.email} (${result.error.message}). Continuing offline; sign in from the window once the relay is reachable.`);
}
