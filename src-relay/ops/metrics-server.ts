import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export const METRICS_PATH = '/metrics';

export interface ListenAddress {
  host: string;
  port: number;
}

export interface MetricsServer {
  /** 'http://HOST:PORT/metrics' */
  url: string;
  close(): Promise<void>;
}

/**
 * `/metrics` on an address of its own, never on the relay's public port: the balancer forwards
 * only the relay's port, so the metrics stay inside whatever network that address is on, with
 * no secret to hand Prometheus and rotate (docs/relay-cluster.md).
 */
export async function serveMetrics(registry: Registry, address: ListenAddress, reportError: (error: unknown) => void): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://metrics').pathname;
    if (request.method !== 'GET' || path !== METRICS_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Only GET ${METRICS_PATH} here.\n`);
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(text),
      (error: unknown) => {
        reportError(error);
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('The metrics could not be collected; the details are in the log.\n');
      },
    );
  });
  await listen(server, address);
  const bound = server.address();
  const port = bound && typeof bound === 'object' ? bound.port : address.port;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host}:${port}${METRICS_PATH}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, address: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** 'HOST:PORT' or '[IPv6]:PORT', as in RELAY_METRICS_ADDRESS=127.0.0.1:9464. */
export function parseListenAddress(value: string, variable: string): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new Error(`${variable} must be HOST:PORT (e.g. 127.0.0.1:9464 or [::1]:9464), not "${value}".`);
  return { host: match[1] ?? match[2] ?? '', port };
}
