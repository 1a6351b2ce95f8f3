import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalConversation } from '../../src-shared/api/contract.js';
import { writtenLanguage } from '../format/language.js';
import { useNow } from '../format/use-now.js';
import { useConversation, useConversationStore } from '../state/conversation-store.js';
import { AT_BOTTOM_SLACK_PX, scrollMoveFor, type ThreadSnapshot } from './thread-scroll.js';
import { ThreadMessage } from './ThreadMessage.js';

/** Scrolled this close to the top, the next older page is fetched. */
const LOAD_OLDER_PX = 160;

export function Thread({ conversation }: { conversation: LocalConversation }) {
  const { t } = useTranslation();
  const store = useConversationStore();
  const messages = useConversation((s) => s.messages);
  const olderCursor = useConversation((s) => s.olderCursor);
  const loadingOlder = useConversation((s) => s.loadingOlder);
  const loading = useConversation((s) => s.loading);
  const now = useNow(60_000);
  const conversationLanguage = writtenLanguage(conversation);
  const scrollRef = useRef<HTMLDivElement>(null);
  const snapshot = useRef<ThreadSnapshot>({ conversationId: null, firstId: null, lastId: null, scrollHeight: 0, atBottom: true });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const current: ThreadSnapshot = {
      conversationId: conversation.id,
      firstId: messages[0]?.id ?? null,
      lastId: messages.at(-1)?.id ?? null,
      scrollHeight: element.scrollHeight,
      atBottom: snapshot.current.atBottom,
    };
    const move = scrollMoveFor(snapshot.current, current, messages.at(-1)?.author === 'agent');
    if (move.kind === 'bottom') element.scrollTop = element.scrollHeight;
    if (move.kind === 'by') element.scrollTop += move.pixels;
    snapshot.current = { ...current, atBottom: isAtBottom(element) };
    // A short first page leaves nothing to scroll, so nothing would ever ask for more.
    if (olderCursor && !loadingOlder && element.scrollHeight <= element.clientHeight) void store.getState().loadOlder();
  }, [conversation.id, messages, olderCursor, loadingOlder, store]);

  // The thread also shrinks without new messages (an offline hint under the composer, a
  // resized window); someone reading the newest message should keep seeing it.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (snapshot.current.atBottom) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  function onScroll(): void {
    const element = scrollRef.current;
    if (!element) return;
    snapshot.current = { ...snapshot.current, atBottom: isAtBottom(element), scrollHeight: element.scrollHeight };
    if (element.scrollTop < LOAD_OLDER_PX && olderCursor && !loadingOlder) void store.getState().loadOlder();
  }

  return (
    <div
      ref={scrollRef}
      className="thread"
      role="log"
      aria-label={t('conversation.thread', { name: conversation.customerName })}
      aria-busy={loading || loadingOlder}
      tabIndex={0}
      onScroll={onScroll}
    >
      <ThreadEdge hasOlder={olderCursor !== null} loadingOlder={loadingOlder} hasMessages={messages.length > 0} />
      {messages.length === 0 && !loading && <p className="thread-empty">{t('conversation.noMessages')}</p>}
      {messages.map((message) => (
        <ThreadMessage key={message.id} message={message} now={now} conversationLanguage={conversationLanguage} />
      ))}
    </div>
  );
}

/** The top of the thread: where older messages load, or where the conversation began. */
function ThreadEdge({ hasOlder, loadingOlder, hasMessages }: { hasOlder: boolean; loadingOlder: boolean; hasMessages: boolean }) {
  const { t } = useTranslation();
  let text = '';
  if (hasOlder && loadingOlder) text = t('conversation.loadingOlder');
  if (!hasOlder && hasMessages) text = t('conversation.beginning');
  return <p className="thread-edge">{text}</p>;
}

function isAtBottom(element: HTMLElement): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight <= AT_BOTTOM_SLACK_PX;
}
