import { LiveBoard } from '../protocol/supervisor.js';
import { Empty } from './method-shapes.js';

export const supervisorMethods = {
  /** Supervisors and admins: their teams now (queues, agents, alerts), straight from the relay; online only. */
  'supervisor.live': { input: Empty, output: LiveBoard },
} as const;
