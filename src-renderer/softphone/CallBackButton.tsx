import { useTranslation } from 'react-i18next';
import { useConversation } from '../state/conversation-store.js';
import { useSoftphone, useSoftphoneStore } from './softphone-store.js';

/** Calls the customer back at the number or SIP address of their latest call, when a line can call out. */
export function CallBackButton() {
  const { t } = useTranslation();
  const softphone = useSoftphoneStore();
  const address = useConversation((s) => s.messages.findLast((message) => message.call?.address)?.call?.address ?? null);
  const canDial = useSoftphone((s) => s.current === null && s.lines.some((line) => line.provider !== 'webrtc' && line.status === 'ready'));
  if (!address || !canDial) return null;
  return (
    <button type="button" className="button" data-testid="call-back" title={address} onClick={() => void softphone.getState().dial(address)}>
      {t('call.callBack')}
    </button>
  );
}
