import { displayNames } from './formatters.js';

/** "th" -> "Thai", "pt-BR" -> "Brazilian Portuguese", in the agent's UI language; the tag if unknown. */
export function languageName(tag: string, locale: string): string {
  try {
    return displayNames(locale, { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A market is a region code ("TH") where we can name it, else shown as given. */
export function marketName(market: string, locale: string): string {
  if (!/^[A-Za-z]{2}$/.test(market)) return market;
  try {
    return displayNames(locale, { type: 'region', fallback: 'code' }).of(market.toUpperCase()) ?? market;
  } catch {
    return market;
  }
}

/** Whether the agent and the customer write different languages ("en-GB" and "en" do not). */
export function needsTranslation(agentLanguage: string, customerLanguage: string): boolean {
  return baseLanguage(agentLanguage) !== baseLanguage(customerLanguage);
}

export function baseLanguage(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}

/** The language the customer writes in: as detected on their messages, else their profile's. */
export function writtenLanguage(conversation: { language: string; insight?: { language: string | null } | null }): string {
  return conversation.insight?.language ?? conversation.language;
}
