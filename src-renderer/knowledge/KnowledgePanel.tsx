import { useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleHit, LocalConversation } from '../../src-shared/api/contract.js';
import type { Article } from '../../src-shared/domain/model.js';
import { useFocusWhenDropped } from '../focus/use-focus-when-dropped.js';
import { changeDraft, useDraftStores } from '../conversation/draft.js';
import { languageName } from '../format/language.js';
import { renderMarkdown } from '../format/markdown.js';
import { useConversation } from '../state/conversation-store.js';
import { useSession } from '../state/session-store.js';
import { ArticleEditor } from './ArticleEditor.js';
import { ArticleHitItem } from './ArticleHitItem.js';
import { useKnowledge, useKnowledgeStore } from './knowledge-store.js';
import './knowledge.css';

/**
 * Beside the conversation: search the knowledge base (cached, so it works offline), see what
 * fits the conversation's intent and market, read an article and put its text in the reply.
 */
export function KnowledgePanel({ conversation }: { conversation: LocalConversation }) {
  const { t } = useTranslation();
  const knowledge = useKnowledgeStore();
  const query = useKnowledge((s) => s.query);
  const hits = useKnowledge((s) => s.hits);
  const suggestions = useKnowledge((s) => s.suggestions);
  const article = useKnowledge((s) => s.article);
  const error = useKnowledge((s) => s.error);
  const canEdit = useSession((s) => s.agent !== null && s.agent.role !== 'agent');
  const searchRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Opening a hit replaces it with the article, and Back replaces the article: the focus follows.
  useFocusWhenDropped(() => (article ? headingRef.current : searchRef.current), article?.id ?? null);
  return (
    <aside className="knowledge" aria-label={t('knowledge.label')} data-testid="knowledge-panel">
      {canEdit && (
        <button type="button" className="link-button" data-testid="knowledge-new" onClick={() => void knowledge.getState().startEdit(null)}>
          {t('knowledge.new')}
        </button>
      )}
      <ArticleEditor />
      <input
        ref={searchRef}
        type="search"
        className="knowledge-search"
        data-testid="knowledge-search"
        placeholder={t('knowledge.search')}
        aria-label={t('knowledge.search')}
        value={query}
        onChange={(event) => void knowledge.getState().search(event.target.value)}
      />
      {error && <p className="knowledge-error">{error}</p>}
      {article ? (
        <ArticleView article={article} conversation={conversation} headingRef={headingRef} />
      ) : query.trim() !== '' ? (
        <HitList title={t('knowledge.results')} hits={hits} empty={t('knowledge.none', { query })} testId="knowledge-hit" />
      ) : (
        <HitList title={t('knowledge.suggested')} hits={suggestions} empty={t('knowledge.noSuggestions')} testId="knowledge-suggestion" />
      )}
    </aside>
  );
}

function HitList({ title, hits, empty, testId }: { title: string; hits: ArticleHit[]; empty: string; testId: string }) {
  const knowledge = useKnowledgeStore();
  return (
    <section className="knowledge-list">
      <h3>{title}</h3>
      {hits.length === 0 && <p className="knowledge-empty">{empty}</p>}
      <ul>
        {hits.map((hit) => (
          <li key={hit.article.id}>
            <ArticleHitItem hit={hit} testId={testId} onOpen={(id) => void knowledge.getState().open(id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ArticleView({ article, conversation, headingRef }: { article: Article; conversation: LocalConversation; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { t, i18n } = useTranslation();
  const draftStores = useDraftStores();
  const knowledge = useKnowledgeStore();
  const draft = useConversation((s) => s.drafts[conversation.id] ?? '');
  const canEdit = useSession((s) => s.agent !== null && s.agent.role !== 'agent');
  const link = useKnowledge((s) => s.articleLink);
  const insert = (text: string) => changeDraft(draftStores, conversation, draft.trim() === '' ? text : `${draft.trimEnd()}\n\n${text}`);
  return (
    <article className="knowledge-article" data-testid="knowledge-article" lang={article.locale}>
      <button type="button" className="link-button" onClick={() => knowledge.getState().closeArticle()}>
        {t('knowledge.back')}
      </button>
      {canEdit && (
        <button type="button" className="link-button knowledge-edit" data-testid="knowledge-edit" onClick={() => void knowledge.getState().startEdit(article)}>
          {t('knowledge.edit')}
        </button>
      )}
      <h3 dir="auto" ref={headingRef} tabIndex={-1} data-testid="knowledge-article-title">
        {article.title}
      </h3>
      <p className="knowledge-hit-meta">
        {t('knowledge.meta', { language: languageName(article.locale, i18n.language), version: article.version, name: article.updatedByName })}
      </p>
      {/* Sanitized: see format/markdown.ts. */}
      <div className="knowledge-body" dir="auto" data-testid="knowledge-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(article.body) }} />
      <div className="knowledge-actions">
        <button type="button" className="button button--primary" data-testid="knowledge-insert" onClick={() => insert(articleText(article))}>
          {t('knowledge.insert')}
        </button>
        {link ? (
          // The title is translated with the reply; the address is kept as it is (ai/sentences.ts).
          <button type="button" className="button" data-testid="knowledge-insert-link" onClick={() => insert(`${article.title}: ${link}`)}>
            {t('knowledge.insertLink')}
          </button>
        ) : (
          <span className="knowledge-internal">{t('knowledge.internalOnly')}</span>
        )}
      </div>
    </article>
  );
}

/** The article as reply text: Markdown marks dropped, paragraphs kept; the reply preview translates it. */
function articleText(article: Article): string {
  return article.body
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
    .replace(/^\s*[-+]\s+/gm, '• ')
    .trim();
}
