import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInbox } from '../state/inbox-store.js';
import { newActivity, type SeenActivity } from './new-activity.js';

/** At most this many names are read out for one refresh; the inbox shows the rest. */
const NAMES_READ = 3;

/**
 * Tells a screen reader, politely, which conversations got a new message while the agent worked
 * elsewhere: sighted agents see the inbox reorder, others would not know.
 */
export function NewActivityAnnouncer() {
  const { t } = useTranslation();
  const conversations = useInbox((s) => s.conversations);
  const openId = useInbox((s) => s.selectedId);
  const seen = useRef<SeenActivity | null>(null);
  const [said, setSaid] = useState('');

  useEffect(() => {
    const { fresh, seen: next } = newActivity(seen.current, conversations, openId);
    seen.current = next;
    if (fresh.length > 0) setSaid(fresh.slice(0, NAMES_READ).map((c) => t('inbox.newMessageFrom', { name: c.customerName })).join(' '));
  }, [conversations, openId, t]);

  return (
    <p className="sr-only" role="status" data-testid="new-activity">
      {said}
    </p>
  );
}
