import { z } from 'zod';
import type { MutationBody } from '../../src-shared/protocol/mutations/index.js';
import { ClientFrame, Mutation } from '../../src-shared/protocol/sync.js';
import type { AgentCallFrame } from '../../src-shared/protocol/voice.js';
import type { TranslationRoute } from '../../src-shared/domain/translation-routes.js';

/** One mutation of a push: its id always, its body only if it is well formed. */
export type PushItem = { mutationId: number; body: MutationBody } | { mutationId: number; body: null; problem: string };

export type ParsedFrame =
  | { type: 'hello'; token: string; clientId: string; directoryVersion?: string | undefined }
  | { type: 'pull'; cursor: number; limit: number | undefined }
  | { type: 'push'; items: PushItem[] }
  | { type: 'snapshot'; after: string | null; limit: number | undefined }
  | { type: 'translation-routes'; routes: TranslationRoute[] }
  | { type: 'call'; frame: AgentCallFrame };

export type FrameParse = { ok: true; frame: ParsedFrame } | { ok: false; message: string };

// A push with one malformed mutation still carries the others; rejecting the malformed one
// by id keeps it from blocking the client's outbox forever.
const PushByIds = z.object({
  type: z.literal('push'),
  mutations: z.array(z.looseObject({ mutationId: z.number().int().positive() })).min(1).max(500),
});

export function parseClientFrame(text: string): FrameParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'A frame must be one JSON object.' };
  }
  const parsed = ClientFrame.safeParse(json);
  if (parsed.success) return { ok: true, frame: toParsedFrame(parsed.data) };
  const push = PushByIds.safeParse(json);
  if (push.success) return { ok: true, frame: { type: 'push', items: push.data.mutations.map(toPushItem) } };
  return { ok: false, message: `Invalid frame: ${z.prettifyError(parsed.error)}` };
}

function toParsedFrame(frame: ClientFrame): ParsedFrame {
  switch (frame.type) {
    case 'hello':
      return frame;
    case 'pull':
      return { type: 'pull', cursor: frame.cursor, limit: frame.limit };
    case 'push':
      return { type: 'push', items: frame.mutations.map((m) => ({ mutationId: m.mutationId, body: m.body })) };
    case 'snapshot':
      return { type: 'snapshot', after: frame.after, limit: frame.limit };
    case 'translation-routes':
      return frame;
    default:
      return { type: 'call', frame };
  }
}

function toPushItem(raw: { mutationId: number }): PushItem {
  const parsed = Mutation.safeParse(raw);
  if (parsed.success) return { mutationId: parsed.data.mutationId, body: parsed.data.body };
  return { mutationId: raw.mutationId, body: null, problem: `Invalid mutation: ${z.prettifyError(parsed.error)}` };
}
