import type { Colleague } from '../../src-shared/domain/model.js';

/** What is typed after an "@" that starts a word, up to the caret; null when the caret is not in one. */
export function mentionQuery(draft: string, caret: number): { start: number; query: string } | null {
  const before = draft.slice(0, caret);
  const match = /(?:^|\s)@([^\s@]*(?: [^\s@]*)?)$/u.exec(before);
  if (!match) return null;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, query };
}

/** Colleagues whose name, or any word of it, starts with the query; case and accents ignored. */
export function matchColleagues(colleagues: readonly Colleague[], query: string, limit = 8): Colleague[] {
  const wanted = fold(query.trim());
  const starts = (c: Colleague) => fold(c.name).startsWith(wanted) || fold(c.name).split(/\s+/u).some((word) => word.startsWith(wanted));
  return colleagues.filter(starts).slice(0, limit);
}

/** The draft with "@Name " in place of the typed "@que", and where the caret goes. */
export function insertMention(draft: string, caret: number, start: number, colleague: Colleague): { text: string; caret: number } {
  const inserted = `@${colleague.name} `;
  return { text: draft.slice(0, start) + inserted + draft.slice(caret), caret: start + inserted.length };
}

/**
 * The colleagues a note names: "@Full Name" not followed by more of a word. The longest name
 * wins where one is the start of another ("@Ann Lee" is not "@Ann").
 */
export function mentionedIn(body: string, colleagues: readonly Colleague[]): string[] {
  const byLength = [...colleagues].sort((a, b) => b.name.length - a.name.length);
  const found = new Set<string>();
  let rest = fold(body);
  for (const colleague of byLength) {
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])@${escape(fold(colleague.name))}(?![\\p{L}\\p{N}])`, 'gu');
    if (!pattern.test(rest)) continue;
    found.add(colleague.id);
    // Blank out what matched, so a shorter name inside it is not found again.
    rest = rest.replace(pattern, (whole) => whole.replace(/./gu, ' '));
  }
  return colleagues.filter((c) => found.has(c.id)).map((c) => c.id);
}

/** Spans of a note with the mentions marked, for highlighting. */
export function splitMentions(body: string, colleagues: readonly Colleague[]): { text: string; mention: boolean }[] {
  const names = [...colleagues].map((c) => c.name).sort((a, b) => b.length - a.length);
  if (names.length === 0) return [{ text: body, mention: false }];
  const pattern = new RegExp(`@(?:${names.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const parts: { text: string; mention: boolean }[] = [];
  let last = 0;
  for (const match of body.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: body.slice(last, match.index), mention: false });
    parts.push({ text: match[0], mention: true });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), mention: false });
  return parts;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
