import { useTranslation } from 'react-i18next';
import type { ArticleHit } from '../../src-shared/api/contract.js';
import { languageName } from '../format/language.js';
import { highlightTerms } from '../search/highlight.js';

/**
 * One article in the knowledge panel's list: its title (in the agent's language when it has one),
 * the title in the language that matched when that is another, and the snippet, with the words
 * found marked; its language, and for a search, what matched and in which language. Everything is React text: article text is never read as HTML here.
 */
export function ArticleHitItem({ hit, testId, onOpen }: { hit: ArticleHit; testId: string; onOpen: (articleId: string) => void }) {
  const { i18n } = useTranslation();
  const { article, title, snippet, match } = hit;
  const terms = match?.terms ?? [];
  return (
    <button type="button" className="knowledge-hit" data-testid={testId} data-article-id={article.id} onClick={() => onOpen(article.id)}>
      <span className="knowledge-hit-title" dir="auto">
        <Marked text={title} terms={terms} />
      </span>
      {match?.title && (
        <span className="knowledge-hit-matched-title" data-testid="knowledge-hit-matched-title" lang={match.language} dir="auto">
          <Marked text={match.title} terms={terms} />
        </span>
      )}
      <span className="knowledge-hit-meta">
        {languageName(article.locale, i18n.language)}
        {match && <MatchNote match={match} />}
      </span>
      <span className="knowledge-hit-snippet" dir="auto">
        <Marked text={snippet} terms={terms} />
      </span>
    </button>
  );
}

function MatchNote({ match }: { match: NonNullable<ArticleHit['match']> }) {
  const { t, i18n } = useTranslation();
  const language = languageName(match.language, i18n.language);
  const key = match.translated ? 'knowledge.matchTranslated' : `knowledge.match.${match.field}`;
  return (
    <span className="knowledge-hit-match" data-testid="knowledge-hit-match" data-language={match.language} data-field={match.field}>
      {' · '}
      {t(key, { language })}
    </span>
  );
}

function Marked({ text, terms }: { text: string; terms: readonly string[] }) {
  return (
    <>
      {highlightTerms(text, terms).map((part, index) =>
        part.match ? (
          <mark key={index} data-testid="knowledge-mark">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
