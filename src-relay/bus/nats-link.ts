import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';

/**
 * `connected`: subscribed and publishing. `reconnecting`: not connected now (including before
 * the first connection), trying again. `closed`: closed on purpose, or given up (bad credentials).
 */
export type BusState = 'connected' | 'reconnecting' | 'closed';

export interface NatsLinkOptions {
  url: string;
  /** Shown by the NATS server's monitoring for this connection. */
  name: string;
  /** The subject this node listens on; subscribed again by the client after each reconnect. */
  subject: string;
  onMessage(message: Msg): void;
  onStateChange(state: BusState): void;
  reportError(error: unknown): void;
  /** Wait between connection attempts; each wait adds a random jitter of up to the same again. */
  reconnectWaitMs: number;
  /** How often the client pings the server: a silent, half-open connection is dropped after two. */
  pingIntervalMs: number;
}

/** One node's connection to NATS, kept up forever until closed. */
export interface NatsLink {
  state(): BusState;
  /** False when the message was not handed to NATS (not connected, or closing). Never throws. */
  publish(subject: string, payload: string): boolean;
  /** Drains: delivers what is buffered both ways, then closes. */
  close(): Promise<void>;
}

const DRAIN_TIMEOUT_MS = 5_000;

export function openNatsLink(options: NatsLinkOptions): NatsLink {
  let state: BusState = 'reconnecting';
  let connection: NatsConnection | null = null;
  let closing = false;
  let wake: (() => void) | null = null;

  const setState = (next: BusState): void => {
    // `closed` is final: a late status from the client must not revive it.
    if (next === state || state === 'closed') return;
    state = next;
    options.onStateChange(next);
  };

  const jitteredWait = (): number => options.reconnectWaitMs + Math.floor(Math.random() * (options.reconnectWaitMs + 1));

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const watch = async (nc: NatsConnection): Promise<void> => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'staleConnection') setState('reconnecting');
      else if (status.type === 'reconnect') setState('connected');
      else if (status.type === 'error') options.reportError(status.error);
    }
  };

  const adopt = (nc: NatsConnection): void => {
    connection = nc;
    nc.subscribe(options.subject, { callback: (error, message) => (error ? options.reportError(error) : options.onMessage(message)) });
    void watch(nc).catch(options.reportError);
    void nc.closed().then((error) => {
      if (error) options.reportError(error);
      setState('closed');
    });
    // Once the server has answered this flush it holds the subscription: `connected` means pokes
    // arrive. Not awaited: a link that drops meanwhile must not hold up close().
    nc.flush().then(
      () => setState('connected'),
      () => undefined,
    );
  };

  // The client's own first connect either fails at once or, with waitOnFirstConnect, can never be
  // abandoned by close(); so the first connection is retried here, and the client's reconnect
  // loop (forever, jittered) takes over once it has connected once.
  const connectUntilClosed = async (): Promise<void> => {
    let reported = false;
    while (!closing) {
      try {
        const nc = await connect({
          servers: options.url,
          name: options.name,
          noEcho: true,
          maxReconnectAttempts: -1,
          reconnectTimeWait: options.reconnectWaitMs,
          reconnectJitter: options.reconnectWaitMs,
          pingInterval: options.pingIntervalMs,
          maxPingOut: 2,
        });
        if (closing) return await nc.close();
        return adopt(nc);
      } catch (error) {
        if (closing) return;
        // One report until the first connection: the state says the rest.
        if (!reported) options.reportError(error);
        reported = true;
        await pause(jitteredWait());
      }
    }
  };
  void connectUntilClosed().catch(options.reportError);

  return {
    state: () => state,
    publish(subject, payload) {
      if (state !== 'connected' || connection === null) return false;
      try {
        connection.publish(subject, payload);
        return true;
      } catch (error) {
        // Closed or draining between the state check and here: the poller covers the loss.
        options.reportError(error);
        return false;
      }
    },
    async close() {
      if (closing) return;
      closing = true;
      wake?.();
      // Not waiting for a first connection still under way (a silent host can hold it for the
      // client's 20 s handshake timeout): it closes itself when it sees `closing`.
      const nc = connection as NatsConnection | null;
      if (nc !== null && !nc.isClosed()) {
        // Drain can only end while connected, and is bounded: on a dead link close drops what is buffered.
        if (state === 'connected') await within(DRAIN_TIMEOUT_MS, nc.drain().catch(options.reportError));
        if (!nc.isClosed()) await nc.close();
      }
      setState('closed');
    },
  };
}

/** Waits for `work`, or `ms` at most (the work goes on, unawaited). */
async function within(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
