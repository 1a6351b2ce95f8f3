import { z } from 'zod';
import { readJsonFile } from '../../src-node/json-file.js';

const Code = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a market is an upper-case region code or group name');

export const RegionalNotesFile = z
  .object({
    note: z.string().optional(),
    groups: z.record(Code, z.array(Code)).default({}),
    notes: z.array(
      z.object({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
        markets: z.array(Code).min(1),
        /** Empty: whatever the intent. */
        intents: z.array(z.string()),
        title: z.string().min(1),
        body: z.string().min(1),
      }),
    ),
  })
  .superRefine((file, context) => {
    file.notes.forEach((note, index) => {
      for (const market of note.markets) {
        if (market.length > 2 && !file.groups[market]) {
          context.addIssue({ code: 'custom', path: ['notes', index, 'markets'], message: `"${market}" is neither a region code nor a group` });
        }
      }
    });
  });
export type RegionalNotesFile = z.infer<typeof RegionalNotesFile>;
export type RegionalNote = RegionalNotesFile['notes'][number];

export function loadRegionalNotes(file: string): RegionalNotesFile {
  return readJsonFile(file, RegionalNotesFile);
}

/**
 * The notes for a conversation: its market is one of the note's markets (or in one of its
 * groups), and the note names the conversation's intent or no intent at all.
 */
export function notesFor(file: RegionalNotesFile, market: string | null, intent: string | null): RegionalNote[] {
  if (!market) return [];
  const region = market.toUpperCase();
  const inMarket = (code: string) => code === region || (file.groups[code]?.includes(region) ?? false);
  return file.notes.filter((note) => note.markets.some(inMarket) && (note.intents.length === 0 || (intent !== null && note.intents.includes(intent))));
}
