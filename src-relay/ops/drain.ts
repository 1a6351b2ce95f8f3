import type { FastifyInstance } from 'fastify';
import { sendHttpError } from '../http/http-error.js';
import { HEALTH_PATH, READY_PATH } from './health-routes.js';
import type { Readiness } from './readiness.js';

/** "Service restart": the desks and customer pages reconnect, through the balancer, to another node. */
export const CLOSE_SERVICE_RESTART = 1012;
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
const DRAIN_POLL_MS = 20;

/** What was still open when the drain gave up waiting (all cut off then). */
export interface DrainOutcome {
  requests: number;
  sockets: number;
}

/**
 * Takes a node out of service without dropping work: from the drain on, `/readyz` answers 503,
 * every new request but the probes is answered 503 with `Connection: close` (a balancer retries it
 * on another node), the open sockets are closed with 1012, and requests already running may finish
 * until the timeout. The port stays open meanwhile, so the balancer reads "draining" rather than
 * guessing from refused connections; the relay's close ends it.
 */
export class HttpDrain {
  private inFlight = 0;

  constructor(
    private readonly app: FastifyInstance,
    private readonly readiness: Readiness,
  ) {
    app.addHook('onRequest', async (request, reply) => {
      if (this.readiness.draining && !isProbe(request.url)) {
        void reply.header('connection', 'close');
        return sendHttpError(reply, 503, 'draining', 'This relay node is restarting; try again, another node will answer.');
      }
      // A WebSocket lives on after its upgrade request: the drain closes those itself.
      if (request.ws) return;
      this.inFlight += 1;
      reply.raw.once('close', () => (this.inFlight -= 1));
    });
  }

  async drain(timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS): Promise<DrainOutcome> {
    this.readiness.startDraining();
    const sockets = this.app.websocketServer.clients;
    for (const socket of sockets) socket.close(CLOSE_SERVICE_RESTART, 'relay restarting; reconnect');
    const deadline = Date.now() + timeoutMs;
    while ((this.inFlight > 0 || sockets.size > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
    const left = { requests: this.inFlight, sockets: sockets.size };
    for (const socket of sockets) socket.terminate();
    // Otherwise the server's close would wait for them however long they take.
    if (left.requests > 0) this.app.server.closeAllConnections();
    return left;
  }
}

function isProbe(url: string): boolean {
  const path = url.split('?', 1)[0];
  return path === HEALTH_PATH || path === READY_PATH;
}
