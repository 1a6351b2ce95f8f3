import { Agent, request } from 'node:http';
import { metaJson, metaSignature, wamid, whatsAppTextMessage } from '../../channels/fakes/whatsapp/payloads.js';
import { LatencyHistogram } from './latency-histogram.js';

/** One webhook POST as Meta sends it: the exact bytes and their signature. */
export interface SignedWebhook {
  body: Buffer;
  signature: string;
}

/**
 * WhatsApp notifications from `customers` customers, each a new text message, except that one in
 * `redeliverEvery` is the very same bytes of an earlier one (a provider's retry). Signed ahead of
 * each step, so the generator spends its time sending.
 */
export class WhatsAppTraffic {
  /** The ids of the distinct messages made so far; each should be stored exactly once. */
  readonly uniqueIds = new Set<string>();
  private readonly made: SignedWebhook[] = [];
  private count = 0;
  redeliveries = 0;

  constructor(
    private readonly account: { phoneNumberId: string; appSecret: string },
    private readonly customers: number,
    private readonly redeliverEvery = 10,
  ) {}

  /** The next `n` webhooks, in sending order. */
  take(n: number): SignedWebhook[] {
    return Array.from({ length: n }, () => this.next());
  }

  private next(): SignedWebhook {
    const i = this.count++;
    if (i % this.redeliverEvery === this.redeliverEvery - 1 && this.made.length > 0) {
      this.redeliveries++;
      return this.made[Math.floor(Math.random() * this.made.length)]!;
    }
    const id = wamid();
    this.uniqueIds.add(id);
    const customer = i % this.customers;
    const payload = whatsAppTextMessage({
      phoneNumberId: this.account.phoneNumberId,
      from: String(4915100000000 + customer),
      name: `Bench Customer ${customer}`,
      body: `Bench message ${this.uniqueIds.size}: where is my order?`,
      id,
    });
    const raw = metaJson(payload);
    const webhook = { body: Buffer.from(raw, 'utf8'), signature: metaSignature(raw, this.account.appSecret) };
    this.made.push(webhook);
    return webhook;
  }
}

export interface StepResult {
  rate: number;
  sent: number;
  ok: number;
  /** Non-2xx answers and network errors, with the first few statuses seen. */
  failed: number;
  statuses: Record<string, number>;
  /** Answered per second: sent over the time from the first send to the last answer. */
  answered_per_s: number;
  p50_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
  sustained: boolean;
}

/** p99 of the answer times under this, and every answer a 2xx: the step's rate is sustained. */
export const P99_BUDGET_MS = 200;

/**
 * POSTs `webhooks` to `url` at `rate` a second (open loop: each is due at its own time whatever
 * the earlier ones do) over `agent`'s keep-alive connections. A response time runs from the moment
 * the webhook was due, so a relay (or a generator) falling behind shows in it.
 */
export async function runStep(url: URL, agent: Agent, webhooks: SignedWebhook[], rate: number): Promise<StepResult> {
  const histogram = new LatencyHistogram();
  const statuses: Record<string, number> = {};
  let ok = 0;
  const answers: Promise<void>[] = [];
  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < webhooks.length && start + (next * 1000) / rate <= now) {
        const due = start + (next * 1000) / rate;
        answers.push(
          post(url, agent, webhooks[next]!).then((status) => {
            histogram.add(performance.now() - due);
            if (status >= 200 && status < 300) ok++;
            else statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
          }),
        );
        next++;
      }
      if (next < webhooks.length) setTimeout(tick, 2);
      else resolve();
    };
    tick();
  });
  await Promise.all(answers);
  const seconds = (performance.now() - start) / 1000;
  const p99 = histogram.percentile(99);
  const failed = webhooks.length - ok;
  return {
    rate,
    sent: webhooks.length,
    ok,
    failed,
    statuses,
    answered_per_s: Math.round(webhooks.length / seconds),
    p50_ms: histogram.percentile(50),
    p99_ms: p99,
    max_ms: histogram.max(),
    sustained: failed === 0 && p99 !== null && p99 < P99_BUDGET_MS,
  };
}

/** One POST; resolves with its status, 0 for a network error or no answer within 30 s. */
function post(url: URL, agent: Agent, webhook: SignedWebhook): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        timeout: 30_000,
        headers: { 'content-type': 'application/json', 'content-length': webhook.body.length, 'x-hub-signature-256': webhook.signature },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', () => resolve(0));
      },
    );
    req.once('error', () => resolve(0));
    req.once('timeout', () => req.destroy());
    req.end(webhook.body);
  });
}
