import { findPersonalData } from '../privacy/find-personal-data.js';
import { foldPhrase, foldText, wordBoundaries, type FoldedText } from './folded-text.js';
import type { ReplyRule, ReplyRuleAction, ReplyRules } from './reply-rules.js';

/** Where a rule matched, in UTF-16 offsets of the text as written. */
export interface FlaggedSpan {
  start: number;
  end: number;
}

/** A rule a text breaks, and every place it does. */
export interface RuleHit {
  ruleId: string;
  action: ReplyRuleAction;
  description: string;
  spans: FlaggedSpan[];
}

export interface CheckedText {
  text: string;
  /** The text's language (BCP 47); null when unknown, and then every rule's words are looked for. */
  language: string | null;
  /** The customer's market (ISO 3166); national phone numbers and market-bound rules follow it. */
  market: string | null;
}

/**
 * The rules a reply breaks, in the order of the file; each rule once, with all its spans. Pure
 * and offline: the desk runs it as the agent types and again before the reply is queued.
 */
export function checkReply(rules: CompiledReplyRules, input: CheckedText): RuleHit[] {
  const language = baseLanguage(input.language);
  const market = input.market?.toUpperCase() ?? null;
  const applicable = rules.rules.filter((rule) => appliesTo(rule.rule, language, market));
  if (applicable.length === 0 || input.text.trim() === '') return [];
  const folded = foldText(input.text);
  const boundaries = wordBoundaries(folded.text, language);
  const personal = applicable.some((rule) => rule.rule.match.personalData.length > 0) ? findPersonalData(input.text, { market }) : [];
  return applicable.flatMap((compiled) => {
    const spans = [
      ...wordMatches(compiled, folded, boundaries),
      ...personal.filter((found) => compiled.rule.match.personalData.includes(found.kind)).map(({ start, end }) => ({ start, end })),
    ];
    if (spans.length === 0) return [];
    const { id, action, description } = compiled.rule;
    return [{ ruleId: id, action, description, spans: mergeSpans(spans) }];
  });
}

/** Rules with their phrases folded and patterns compiled once, when the file is read. */
export interface CompiledReplyRules {
  rules: CompiledRule[];
}

interface CompiledRule {
  rule: ReplyRule;
  phrases: string[];
  patterns: RegExp[];
}

export function compileReplyRules(file: ReplyRules): CompiledReplyRules {
  return {
    rules: file.rules.map((rule) => ({
      rule,
      // Every language's words are looked for in every text: an agent may write English to a Thai customer.
      phrases: [...new Set(Object.values(rule.match.phrases).flat().map(foldPhrase))].filter((phrase) => phrase !== ''),
      patterns: Object.values(rule.match.patterns)
        .flat()
        .map((source) => new RegExp(foldPattern(source), 'gu')),
    })),
  };
}

/** A pattern is matched on folded text: its accents go as the text's do ("contraseña" finds "contrasena"); case is the author's. */
function foldPattern(source: string): string {
  return source.normalize('NFKD').replace(/(?<=\p{Script=Latin})\p{M}+/gu, '').normalize('NFC');
}

function appliesTo(rule: ReplyRule, language: string | null, market: string | null): boolean {
  const inMarket = rule.markets.length === 0 || market === null || rule.markets.includes(market);
  const inLanguage = rule.languages.length === 0 || language === null || rule.languages.includes(language);
  return inMarket && inLanguage;
}

function wordMatches(compiled: CompiledRule, folded: FoldedText, boundaries: Set<number>): FlaggedSpan[] {
  const found: FlaggedSpan[] = [];
  const take = (from: number, to: number) => {
    if (to > from && boundaries.has(from) && boundaries.has(to)) found.push({ start: folded.start[from]!, end: folded.end[to - 1]! });
  };
  for (const phrase of compiled.phrases) {
    for (let at = folded.text.indexOf(phrase); at !== -1; at = folded.text.indexOf(phrase, at + 1)) take(at, at + phrase.length);
  }
  for (const pattern of compiled.patterns) {
    for (const match of folded.text.matchAll(pattern)) take(match.index, match.index + match[0].length);
  }
  return found;
}

function mergeSpans(spans: FlaggedSpan[]): FlaggedSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: FlaggedSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function baseLanguage(tag: string | null): string | null {
  const base = tag?.split(/[-_]/)[0]?.toLowerCase();
  return base ? base : null;
}
