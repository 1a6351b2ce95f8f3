/**
 * A workstation core in its own process, for tests that kill it with SIGKILL.
 * Usage: node --import tsx tests/fault/support/agent-process.ts <dbPath> <relayUrl> [email]
 * Prints {"ready":true} once open (and signed in), then answers one JSON line per command line:
 *   {"cmd":"reply","conversationId":"..","body":".."} -> {"ok":true,"id":".."}
 *   {"cmd":"state"} -> {"ok":true,"state":"online","pendingCount":0,"outboxCount":0,"cursor":12,"conversationIds":[..]}
 *   {"cmd":"snapshot"} -> {"ok":true,"snapshot":{..Workstation.snapshot()}}
 */
import { createInterface } from 'node:readline';
import { Workstation } from '../../../src-main/core/workstation.js';

const [dbArg, relayArg, email = 'mei@demo.test'] = process.argv.slice(2);
if (!dbArg || !relayArg) {
  console.error('usage: agent-process.ts <dbPath> <relayUrl> [email]');
  process.exit(2);
}
const dbPath: string = dbArg;
const relayUrl: string = relayArg;

const FAST = { backoff: { baseMs: 20, capMs: 200 }, pingIntervalMs: 1_000, handshakeTimeoutMs: 2_000 };

function answer(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

async function main(): Promise<void> {
  const workstation = Workstation.open({ dbPath, relayUrl, syncTiming: FAST, log: () => undefined });
  const session = await workstation.handlers['session.get']({});
  if (session.agent === null) await workstation.handlers['session.login']({ email, password: 'demo1234' });
  answer({ ready: true });

  const lines = createInterface({ input: process.stdin });
  // One command at a time, in order: replies must reach the outbox in the order they were written.
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    queue = queue.then(async () => {
      try {
        const command = JSON.parse(line) as { cmd: string; conversationId?: string; body?: string };
        if (command.cmd === 'reply') {
          const { message } = await workstation.handlers['conversations.reply']({ conversationId: command.conversationId!, body: command.body! });
          answer({ ok: true, id: message.id });
        } else if (command.cmd === 'state') {
          const { connection } = await workstation.handlers['session.get']({});
          const snapshot = workstation.snapshot();
          answer({
            ok: true,
            state: connection.state,
            pendingCount: connection.pendingCount,
            outboxCount: snapshot.outboxCount,
            cursor: snapshot.cursor,
            conversationIds: snapshot.conversations.map((c) => c.id),
          });
        } else if (command.cmd === 'snapshot') {
          answer({ ok: true, snapshot: workstation.snapshot() });
        } else {
          answer({ ok: false, error: `unknown command ${command.cmd}` });
        }
      } catch (error) {
        answer({ ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  lines.on('close', () => {
    void queue.then(() => workstation.close()).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
