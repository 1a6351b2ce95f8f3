import { useTranslation } from 'react-i18next';
import { useNow } from '../format/use-now.js';
import { relativeTime } from '../format/relative-time.js';
import { useSearch, type SearchHit } from './search-store.js';
import { highlightParts } from './highlight.js';

export function SearchHits({ onChoose }: { onChoose: (conversationId: string) => void }) {
  const { t } = useTranslation();
  const query = useSearch((s) => s.query);
  const hits = useSearch((s) => s.hits);
  const searching = useSearch((s) => s.searching);
  const error = useSearch((s) => s.error);
  const now = useNow(60_000);

  let status: string | null = null;
  if (error) status = error;
  else if (searching && hits.length === 0) status = t('search.searching');
  else if (query && hits.length === 0) status = t('search.none', { query });

  return (
    <div id="search-hits" className="search-hits" aria-label={t('search.results')} aria-busy={searching}>
      {status ? (
        <p className={error ? 'search-status search-status--error' : 'search-status'} role="status">
          {status}
        </p>
      ) : (
        <p className="search-status" role="status">
          {t('search.hits', { count: hits.length })}
        </p>
      )}
      <ul className="search-hit-list">
        {hits.map((hit) => (
          <li key={hit.message.id}>
            <SearchHitButton hit={hit} query={query} now={now} onChoose={onChoose} />
          </li>
        ))}
      </ul>
    </div>
  );
}

interface SearchHitButtonProps {
  hit: SearchHit;
  query: string;
  now: number;
  onChoose: (conversationId: string) => void;
}

function SearchHitButton({ hit, query, now, onChoose }: SearchHitButtonProps) {
  const { t, i18n } = useTranslation();
  return (
    <button
      type="button"
      data-testid="search-hit"
      data-conversation-id={hit.conversation.id}
      className="search-hit"
      onClick={() => onChoose(hit.conversation.id)}
    >
      <span className="search-hit-line">
        <span className="search-hit-name" dir="auto">
          {hit.conversation.customerName}
        </span>
        <span className={`channel-badge channel-badge--${hit.conversation.channel}`}>{t(`channel.${hit.conversation.channel}`)}</span>
        <time className="search-hit-time">{relativeTime(hit.message.createdAt, now, t, i18n.language)}</time>
      </span>
      <span className="search-hit-snippet" dir="auto">
        {highlightParts(hit.snippet || hit.message.body, query).map((part, index) =>
          part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
        )}
      </span>
    </button>
  );
}
