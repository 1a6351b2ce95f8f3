/**
 * A relay with messaging channels in its own process, for tests that kill it with SIGKILL. The CLI
 * takes no provider API addresses or send pacing, so this entry point starts the same relay
 * (startRelay) with them. Run by RelayProcess.start(..., { script, demo: false }) with
 * RELAY_DB, RELAY_PORT and CHANNEL_RELAY (JSON: ChannelRelayConfig) in its environment.
 */
import { startRelay } from '../../../src-relay/server.js';
import type { ChannelSettings } from '../../../src-relay/channels/channel-runtime.js';

export interface ChannelRelayConfig {
  /** The key that sealed the accounts' credentials, hex. */
  secretsKeyHex: string;
  settings: ChannelSettings;
  /** The relay's clock runs this far ahead: a relay that comes back after a while, when claims it held have lapsed. */
  clockOffsetMs?: number;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env.CHANNEL_RELAY ?? '') as ChannelRelayConfig;
  const offset = config.clockOffsetMs ?? 0;
  const relay = await startRelay({
    dbPath: process.env.RELAY_DB ?? '',
    host: '127.0.0.1',
    port: Number(process.env.RELAY_PORT),
    now: () => Date.now() + offset,
    channels: { ...config.settings, secretsKey: Buffer.from(config.secretsKeyHex, 'hex') },
  });
  console.log(`Relay listening on ${relay.url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
