import { z } from 'zod';
import { Id, MENTIONS_MAX, MessageBody } from '../domain/model.js';
import { LocalMessage } from './local-records.js';

export const notesMethods = {
  /** An internal note: seen by agents and supervisors, never sent to the customer. */
  'notes.add': {
    input: z.object({ conversationId: Id, body: MessageBody, mentions: z.array(Id).max(MENTIONS_MAX).default([]) }).strict(),
    output: z.object({ message: LocalMessage }),
  },
} as const;
