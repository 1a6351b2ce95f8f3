import { z } from 'zod';
import { Colleague, TeamName } from '../domain/model.js';
import { Empty } from './method-shapes.js';

export const colleaguesMethods = {
  /** Colleagues who can be @mentioned in a note, oneself left out. */
  'colleagues.list': { input: Empty, output: z.object({ colleagues: z.array(Colleague), teams: z.array(TeamName).default([]) }) },
} as const;
