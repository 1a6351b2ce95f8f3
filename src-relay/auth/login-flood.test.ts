import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, LoginResponse } from '../../src-shared/protocol/auth.js';
import { seedTenant } from '../demo/seed.js';
import { startRelay, type RunningRelay } from '../server.js';
import { ACME, seedDatabase, TEST_PASSWORD, tempDatabase, testCore, type TempDatabase } from '../testing/test-relay.js';
import { DEFAULT_PASSWORD_COST } from './passwords.js';

interface Answer {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

/** POST /api/login over a real socket from `address` (any 127.x.y.z is this machine on Linux). */
function loginFrom(relayUrl: string, address: string, email: string, password: string): Promise<Answer> {
  const url = new URL('/api/login', relayUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', localAddress: address, headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] ?? null, body: JSON.parse(text) }));
    });
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify({ email, password }));
  });
}

describe('sign-in under attack', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;

  beforeAll(async () => {
    temp = await tempDatabase();
    // The relay's real password cost: a flood of checks is what the lane has to keep fair.
    const core = testCore(temp.dbPath);
    await seedTenant(core, ACME, DEFAULT_PASSWORD_COST);
    await core.store.close();
    relay = await startRelay({ dbPath: temp.dbPath });
  });
  afterAll(async () => {
    await relay.close();
    await temp.remove();
  });

  it('lets the real user in from a known address while bad logins flood from many addresses', { timeout: 120_000 }, async () => {
    expect((await loginFrom(relay.url, '127.0.0.2', 'ann@acme.test', TEST_PASSWORD)).status).toBe(200);

    let floodDone = 0;
    const flood = Array.from({ length: 40 }, (_, a) => `127.0.1.${a + 1}`).flatMap((address) =>
      Array.from({ length: 4 }, async () => {
        const answer = await loginFrom(relay.url, address, 'ann@acme.test', 'guess');
        floodDone += 1;
        return answer;
      }),
    );
    // Let the flood reach the relay first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const good = await loginFrom(relay.url, '127.0.0.2', 'ann@acme.test', TEST_PASSWORD);
    const tookMs = Date.now() - started;
    const doneBeforeGood = floodDone;
    const answers = await Promise.all(flood);

    expect(good.status).toBe(200);
    expect(LoginResponse.parse(good.body).agent.id).toBe('ann');
    // Generous: the good check went ahead of the flood's queue rather than after it.
    expect(tookMs).toBeLessThan(10_000);
    expect(doneBeforeGood).toBeLessThan(answers.length);
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    for (const answer of throttled) {
      const error = HttpError.parse(answer.body).error;
      expect(error.code).toBe('throttled');
      expect(error.message).toMatch(/Try again in (a second|\d+ seconds)\./);
      expect(Number(answer.retryAfter)).toBe(error.retryAfterSeconds);
    }
    // From a new address, the account that is under attack now waits too.
    expect((await loginFrom(relay.url, '127.0.2.1', 'ann@acme.test', TEST_PASSWORD)).status).toBe(429);
  });
});

describe('sign-in throttling on a stopped clock', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;

  beforeAll(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath);
    // No wait ever runs out: what is refused is decided by the counts alone.
    relay = await startRelay({ dbPath: temp.dbPath, now: () => 1_800_000_000_000 });
  });
  afterAll(async () => {
    await relay.close();
    await temp.remove();
  });

  it('throttles one address guessing one account, known email or not, and says when to try again', async () => {
    for (const email of ['bob@acme.test', 'nobody@acme.test']) {
      const answers: Answer[] = [];
      for (let i = 0; i < 6; i += 1) answers.push(await loginFrom(relay.url, '127.0.3.1', email, `guess ${i}`));
      expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 429]);
      expect(HttpError.parse(answers[5]!.body).error).toEqual({ code: 'throttled', message: 'Too many failed sign-ins. Try again in a second.', retryAfterSeconds: 1 });
      expect(answers[5]!.retryAfter).toBe('1');
    }
    // The right password from the guessing address waits too; from another address it works.
    expect((await loginFrom(relay.url, '127.0.3.1', 'bob@acme.test', TEST_PASSWORD)).status).toBe(429);
    expect((await loginFrom(relay.url, '127.0.3.2', 'bob@acme.test', TEST_PASSWORD)).status).toBe(200);
  });

  it('throttles an address trying many accounts, but not the accounts elsewhere', async () => {
    const emails = Array.from({ length: 25 }, (_, i) => `sprayed${i}@acme.test`);
    const statuses: number[] = [];
    for (const email of emails) statuses.push((await loginFrom(relay.url, '127.0.4.1', email, 'guess')).status);
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await loginFrom(relay.url, '127.0.4.2', 'sue@acme.test', TEST_PASSWORD)).status).toBe(200);
  });
});
