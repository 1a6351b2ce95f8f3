import WebSocket from 'ws';
import { WEBCHAT_PATH } from '../../../src-shared/protocol/webchat.js';
import { atMost } from './at-most.js';
import { customerHeaders } from './customer-address.js';
import { LatencyHistogram } from './latency-histogram.js';

/**
 * Web-chat customers in one process (forked with an IPC channel by the cluster bench): each opens
 * /webchat on its node and says hello in its language, which routes its new conversation to
 * the team serving it. On 'go' they send `rate` messages a second in all, round robin, and time
 * each send to its echo (the committed message, fanned out back to the page).
 *
 * Parent -> child: {type:'start', customers, tenant}, {type:'go', rate, seconds}, {type:'stop'}.
 * Child -> parent: {type:'ready', open}, {type:'sent', ...}, then {type:'result', cpuMicros}.
 */

export interface CustomerPlan {
  url: string;
  language: string;
}
type ParentMessage =
  | { type: 'start'; customers: CustomerPlan[]; tenant: string }
  | { type: 'go'; rate: number; seconds: number }
  | { type: 'stop' };

export interface CustomersSent {
  type: 'sent';
  sent: number;
  committed: number;
  errors: number;
  firstErrors: string[];
  sendSeconds: number;
  /** From the first send to the last echo. */
  commitSeconds: number;
  echo: [number, number][];
}

const sockets: WebSocket[] = [];
/** When each message was sent, by clientMessageId, until its echo. */
const sentAt = new Map<string, number>();
const echo = new LatencyHistogram();
let lastEchoAt = 0;
let errors = 0;
const firstErrors: string[] = [];
let cpuAtGo = process.cpuUsage();

function openCustomer(plan: CustomerPlan, tenant: string, i: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${plan.url.replace(/^http/, 'ws')}${WEBCHAT_PATH}`, { headers: customerHeaders(i) });
    const timer = setTimeout(() => reject(new Error(`customer ${i} got no ready within 60 s`)), 60_000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', tenant, name: `Customer ${i}`, language: plan.language })));
    socket.on('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString()) as { type: string; message?: { clientMessageId?: string | null } | string };
      if (frame.type === 'message' && typeof frame.message === 'object') {
        const id = frame.message.clientMessageId ?? '';
        const at = sentAt.get(id);
        if (at === undefined) return;
        lastEchoAt = performance.now();
        echo.add(lastEchoAt - at);
        sentAt.delete(id);
      } else if (frame.type === 'ready') {
        clearTimeout(timer);
        resolve(socket);
      } else if (frame.type === 'error') {
        errors += 1;
        if (firstErrors.length < 5) firstErrors.push(`customer ${i}: ${String(frame.message)}`);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      reject(new Error(`customer ${i}: socket closed`));
    });
    socket.on('error', () => undefined);
  });
}

async function start(plans: CustomerPlan[], tenant: string): Promise<void> {
  // A few at a time: each hello is a commit (a new customer and conversation, routed).
  sockets.push(...(await atMost(25, plans, (plan, i) => openCustomer(plan, tenant, i))));
  process.send?.({ type: 'ready', open: sockets.length });
}

async function go(rate: number, seconds: number): Promise<void> {
  cpuAtGo = process.cpuUsage();
  const total = Math.round(rate * seconds);
  const gapMs = 1000 / rate;
  const t0 = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor((performance.now() - t0) / gapMs) + 1);
      for (; sent < due; sent++) {
        const socket = sockets[sent % sockets.length]!;
        const clientMessageId = `bench-${String(sent).padStart(7, '0')}`;
        sentAt.set(clientMessageId, performance.now());
        socket.send(JSON.stringify({ type: 'send', clientMessageId, body: `Hi, where is my order? (message ${sent})` }));
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const sendSeconds = (performance.now() - t0) / 1000;
  // Every message committed (its echo back), or refused, or a minute and a half gone.
  const deadline = performance.now() + 90_000;
  while (echo.total + errors < sent && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const report: CustomersSent = {
    type: 'sent',
    sent,
    committed: echo.total,
    errors,
    firstErrors,
    sendSeconds,
    commitSeconds: ((lastEchoAt || performance.now()) - t0) / 1000,
    echo: echo.pairs(),
  };
  process.send?.(report);
}

process.on('message', (message: ParentMessage) => {
  const failed = (error: unknown) => process.send?.({ type: 'failed', message: String(error) });
  if (message.type === 'start') start(message.customers, message.tenant).catch(failed);
  else if (message.type === 'go') go(message.rate, message.seconds).catch(failed);
  else {
    const cpu = process.cpuUsage(cpuAtGo);
    for (const socket of sockets) socket.terminate();
    process.send?.({ type: 'result', cpuMicros: cpu.user + cpu.system }, () => process.exit(0));
  }
});
// The bench going away ends this process too.
process.on('disconnect', () => process.exit(0));
