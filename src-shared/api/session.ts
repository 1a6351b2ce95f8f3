import { z } from 'zod';
import { Agent, Presence } from '../domain/model.js';
import { Connection } from './connection.js';
import { Empty } from './method-shapes.js';

export const sessionMethods = {
  'session.login': {
    input: z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) }).strict(),
    output: z.object({ agent: Agent }),
  },
  'session.logout': { input: Empty, output: Empty },
  'session.get': {
    input: Empty,
    output: z.object({ agent: Agent.nullable(), presence: Presence, connection: Connection }),
  },
} as const;

export const sessionEvents = {
  'session.changed': z.object({ agent: Agent.nullable() }),
} as const;
