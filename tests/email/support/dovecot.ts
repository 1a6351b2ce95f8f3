import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { freePort, stopProcess } from '../../support/processes.js';

export const DOVECOT_PATH = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

/** What an IMAP client needs to reach the throwaway server's one user. */
export interface DovecotUser {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface RunningDovecot extends DovecotUser {
  /** The server's log, for a failing test's message. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

/** Like kamailioAvailable: skip loudly on a developer machine, fail under CI=true. */
export function dovecotAvailable(): boolean {
  if (existsSync(DOVECOT_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`Dovecot is missing at ${DOVECOT_PATH}; CI must install it (apt-get install dovecot-imapd).`);
  console.warn(`\n!!! Dovecot not found at ${DOVECOT_PATH}: SKIPPING the IMAP tests. Install it with: apt-get install dovecot-imapd\n`);
  return false;
}

/**
 * A throwaway Dovecot (IMAP only, plain LOGIN, and OAuth2 when asked; no TLS) on a free loopback port, with one user
 * whose maildir lives in a temporary folder; the packaged service is neither used nor touched.
 * As a normal user Dovecot runs every process as that user. As root (CI) it refuses to run its
 * login and mail processes as root, so those run as the Debian package's `dovenull` and
 * `dovecot` users, and the mail folder is handed to `dovecot`.
 */
export interface DovecotOptions {
  /**
   * Also take XOAUTH2 and OAUTHBEARER logins, each access token checked at this RFC 7662
   * introspection endpoint (POST token=…; active, and `username` the user's): Dovecot's oauth2
   * passdb. Plain logins keep the passwd file.
   */
  oauth2IntrospectionUrl?: string;
  /** Which OAuth2 mechanisms it offers: both by default (as Gmail); XOAUTH2 alone as Microsoft 365 (IMAP clients prefer OAUTHBEARER). */
  oauth2Mechanisms?: readonly ('xoauth2' | 'oauthbearer')[];
}

export async function startDovecot(options: DovecotOptions = {}): Promise<RunningDovecot> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dovecot-'));
  const port = await freePort();
  const user = 'support';
  const password = 'secret-password';
  const accounts = processUsers();
  // The mail processes (another user under root) walk through the temporary folder.
  await chmod(dir, 0o755);
  const mailRoot = path.join(dir, 'mail');
  await mkdir(mailRoot);
  if (accounts.mail.uid !== userInfo().uid) await chown(mailRoot, accounts.mail.uid, accounts.mail.gid);
  await writeFile(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const configPath = path.join(dir, 'dovecot.conf');
  await writeFile(configPath, dovecotConfig(dir, port, accounts, options));
  if (options.oauth2IntrospectionUrl) await writeFile(path.join(dir, 'oauth2.conf.ext'), oauth2Config(options.oauth2IntrospectionUrl));

  // -F keeps the master in the foreground, so SIGTERM stops it and every child.
  const child = spawn(DOVECOT_PATH, ['-F', '-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const log = () => readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '');
  const stop = async () => {
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilGreeting(child, port);
  } catch (error) {
    const logged = await log();
    await stop();
    throw new Error(`Dovecot did not start: ${(error as Error).message}\n--- stderr ---\n${stderr}\n--- log ---\n${logged}`);
  }
  return { host: '127.0.0.1', port, user, password, log, stop };
}

interface ProcessUser {
  name: string;
  uid: number;
  gid: number;
}

function processUsers(): { login: string; internal: string; mail: ProcessUser } {
  const me = userInfo();
  if (me.uid !== 0) return { login: me.username, internal: me.username, mail: { name: me.username, uid: me.uid, gid: me.gid } };
  return { login: 'dovenull', internal: 'dovecot', mail: systemUser('dovecot') };
}

/** A user from /etc/passwd (only root needs one, where the package made `dovecot`). */
function systemUser(name: string): ProcessUser {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error(`There is no ${name} user: is dovecot-imapd installed?`);
  return { name, uid: Number(uid), gid: Number(gid) };
}

function dovecotConfig(dir: string, port: number, users: { login: string; internal: string; mail: ProcessUser }, options: DovecotOptions): string {
  const oauth2 = options.oauth2IntrospectionUrl !== undefined;
  const mechanisms = (options.oauth2Mechanisms ?? ['xoauth2', 'oauthbearer']).join(' ');
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = dovecot-test-${port}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${oauth2 ? ` ${mechanisms}` : ''}
# Tests log in wrongly on purpose; a real server delays failed logins.
auth_failure_delay = 0
default_login_user = ${users.login}
default_internal_user = ${users.internal}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = ${dir}/passwd
}
${oauth2 ? `passdb {\n  driver = oauth2\n  mechanisms = ${mechanisms}\n  args = ${dir}/oauth2.conf.ext\n}` : ''}
userdb {
  driver = static
  args = uid=${users.mail.uid} gid=${users.mail.gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

/** Dovecot's oauth2 passdb asking the fake provider (docs: PasswordDatabase.oauth2) about every token, never a cache. */
function oauth2Config(introspectionUrl: string): string {
  return `introspection_mode = post
introspection_url = ${introspectionUrl}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
`;
}

/** Waits for the IMAP greeting (a bare TCP accept comes before Dovecot can log anyone in). */
async function waitUntilGreeting(child: ChildProcess, port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`it exited (code ${child.exitCode}, signal ${child.signalCode})`);
    if (await greets(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} gave no IMAP greeting within ${timeoutMs} ms`);
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(2_000, () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.destroy();
      resolve(chunk.toString().startsWith('* OK'));
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}
