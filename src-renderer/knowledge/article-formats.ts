import type { FormatKeys } from '../admin/field-errors.js';

/** The article editor's fields are typed lists of codes, not the admin's pickers: say how to write them. */
export const ARTICLE_FORMATS: FormatKeys = {
  locale: 'knowledge.fieldError.language',
  markets: 'knowledge.fieldError.market',
  tags: 'knowledge.fieldError.tag',
  intents: 'knowledge.fieldError.intent',
  titles: 'knowledge.fieldError.titleLanguages',
};
