import { useTranslation } from 'react-i18next';
import type { ReplyCheckHit } from '../../src-shared/reply-checks/reply-flags.js';
import { useReplyChecks, type CheckedReply } from './reply-checks-store.js';

/** Characters of context shown either side of what a rule flagged. */
const CONTEXT = 40;

/**
 * The company's rules this reply breaks, as the agent writes it: which rule, why, and the words
 * that tripped it marked in the text (the agent's draft, or the translation the customer gets).
 * A warning offers "Send anyway"; a block only goes away when the reply is changed.
 */
export function ReplyCheckNotes({ onSendAnyway }: { onSendAnyway: () => void }) {
  const { t } = useTranslation();
  const hits = useReplyChecks((s) => s.hits);
  const checked = useReplyChecks((s) => s.checked);
  const overrides = useReplyChecks((s) => s.overrides);
  if (hits.length === 0 || !checked) return null;
  const warnings = hits.filter((hit) => hit.action === 'warn' && !overrides.includes(hit.ruleId));
  const blocked = hits.some((hit) => hit.action === 'block');
  return (
    <div className="reply-checks" data-testid="reply-checks" role="alert">
      <ul className="reply-checks-list">
        {hits.map((hit) => (
          <li key={`${hit.part}-${hit.ruleId}`} className={`reply-check reply-check--${hit.action}`} data-testid="reply-check" data-rule-id={hit.ruleId} data-action={hit.action} data-part={hit.part}>
            <p className="reply-check-title">
              <strong>{t(hit.action === 'block' ? 'replyChecks.block' : 'replyChecks.warn')}</strong> <code>{hit.ruleId}</code>
              {hit.part === 'translation' && <span className="reply-check-part"> · {t('replyChecks.inTranslation')}</span>}
              {overrides.includes(hit.ruleId) && hit.action === 'warn' && <span className="reply-check-part"> · {t('replyChecks.overridden')}</span>}
            </p>
            <p className="reply-check-why">{hit.description}</p>
            <FlaggedExcerpt text={textOf(checked, hit)} spans={hit.spans} />
          </li>
        ))}
      </ul>
      {blocked ? (
        <p className="reply-checks-hint">{t('replyChecks.blockedHint')}</p>
      ) : (
        warnings.length > 0 && (
          <p className="reply-checks-hint">
            {t('replyChecks.warnHint')}{' '}
            <button type="button" className="button" data-testid="reply-check-override" onClick={onSendAnyway}>
              {t('replyChecks.sendAnyway')}
            </button>
          </p>
        )
      )}
    </div>
  );
}

function textOf(checked: CheckedReply, hit: ReplyCheckHit): string {
  return hit.part === 'translation' ? (checked.translation?.body ?? '') : checked.draft;
}

/** The flagged words marked, with a little of the text around them; shown as text, never as HTML. */
function FlaggedExcerpt({ text, spans }: { text: string; spans: ReplyCheckHit['spans'] }) {
  if (spans.length === 0) return null;
  const from = Math.max(0, spans[0]!.start - CONTEXT);
  const to = Math.min(text.length, spans.at(-1)!.end + CONTEXT);
  const pieces: { text: string; marked: boolean }[] = [];
  let at = from;
  for (const span of spans) {
    if (span.start > at) pieces.push({ text: text.slice(at, span.start), marked: false });
    pieces.push({ text: text.slice(span.start, span.end), marked: true });
    at = span.end;
  }
  if (to > at) pieces.push({ text: text.slice(at, to), marked: false });
  return (
    <p className="reply-check-excerpt" dir="auto">
      {from > 0 && '…'}
      {pieces.map((piece, index) => (piece.marked ? <mark key={index} data-testid="reply-check-mark">{piece.text}</mark> : <span key={index}>{piece.text}</span>))}
      {to < text.length && '…'}
    </p>
  );
}
