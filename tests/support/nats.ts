import { connect } from 'node:net';

/** The NATS server the cluster tests use; each test keeps to a random subject prefix of its own. */
export const TEST_NATS_URL = process.env.RELAY_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * Like kamailioAvailable, for a server rather than a binary: true when something answers on the
 * NATS port. On a developer machine without it the suite skips loudly; under CI=true it fails.
 */
export async function natsAvailable(url = TEST_NATS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url);
  if (await answers(hostname, Number(port || 4222))) return true;
  if (process.env.CI === 'true') {
    throw new Error(`NATS is not reachable at ${url}; CI must run it (nats-server on 127.0.0.1:4222, or set RELAY_TEST_NATS_URL).`);
  }
  console.warn(`\n!!! NATS not reachable at ${url}: SKIPPING the relay cluster bus tests. Start nats-server, or set RELAY_TEST_NATS_URL.\n`);
  return false;
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
