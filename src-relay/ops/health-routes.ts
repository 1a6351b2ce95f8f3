import type { FastifyInstance } from 'fastify';
import type { Readiness } from './readiness.js';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

/**
 * `/healthz`: the process is up and its event loop answers (a supervisor restarts it otherwise);
 * it asks no dependency, so a database outage does not get every node restarted at once.
 * `/readyz`: the node may take traffic (the balancer's check): 503 saying which check failed,
 * or that the node is draining.
 */
export function registerHealthRoutes(app: FastifyInstance, readiness: Readiness): void {
  app.get(HEALTH_PATH, (_request, reply) => {
    void reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
  app.get(READY_PATH, async (_request, reply) => {
    const report = await readiness.report();
    return reply
      .code(report.status === 'ready' ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(report);
  });
}
