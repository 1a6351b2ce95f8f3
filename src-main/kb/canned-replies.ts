import { z } from 'zod';
import { readJsonFile } from '../../src-node/json-file.js';

export const TEMPLATE_VARIABLES = ['customer.name', 'customer.firstName', 'agent.name', 'agent.firstName', 'conversation.id', 'conversation.market'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const VARIABLE = /\{\{\s*([\w.]+)\s*\}\}/g;

const CannedReply = z
  .object({
    id: z.string().min(1),
    /** Typed after "/" in the composer. */
    shortcut: z.string().regex(/^[a-z0-9-]+$/, 'a shortcut is lower-case letters, digits and dashes'),
    locale: z.string().min(2),
    title: z.string().min(1),
    body: z.string().min(1),
  })
  .superRefine((reply, context) => {
    for (const [, name] of reply.body.matchAll(VARIABLE)) {
      if (!TEMPLATE_VARIABLES.includes(name as TemplateVariable)) {
        context.addIssue({ code: 'custom', path: ['body'], message: `unknown variable {{${name}}}; known: ${TEMPLATE_VARIABLES.join(', ')}` });
      }
    }
  });
export type CannedReply = z.infer<typeof CannedReply>;

export const CannedRepliesFile = z.object({ note: z.string().optional(), replies: z.array(CannedReply) });

export function loadCannedReplies(file: string): CannedReply[] {
  return readJsonFile(file, CannedRepliesFile).replies;
}

/** Puts the conversation's values into a reply; a value that is unknown here becomes empty, never "{{…}}". */
export function fillTemplate(body: string, values: Partial<Record<TemplateVariable, string | null>>): string {
  return body.replace(VARIABLE, (_, name: string) => values[name as TemplateVariable] ?? '').replace(/[ \t]{2,}/g, ' ');
}

/** First word of a name, for "Hello Ana"; names written without spaces (นัทธยา, 田中) stay whole. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/**
 * Replies whose shortcut starts with `query` (or whose title contains it), the agent's own
 * language first, then by shortcut.
 */
export function matchReplies(replies: readonly CannedReply[], query: string, agentLanguage: string): CannedReply[] {
  const wanted = query.trim().toLowerCase();
  const own = (reply: CannedReply) => (reply.locale.split('-')[0] === agentLanguage.split('-')[0] ? 0 : 1);
  return replies
    .filter((reply) => reply.shortcut.startsWith(wanted) || reply.title.toLowerCase().includes(wanted))
    .sort((a, b) => own(a) - own(b) || a.shortcut.localeCompare(b.shortcut) || a.locale.localeCompare(b.locale));
}
