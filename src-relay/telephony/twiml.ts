import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';

/** How long an agent's desk rings before the next agent is tried. */
const RING_SECONDS = 20;
/** How long a waiting caller waits before routing is tried again. */
const WAIT_SECONDS = 15;

/** What a waiting caller hears; the voice locales are Twilio's own, checked by the helper library's types. */
interface Phrase {
  voice: NonNullable<VoiceResponse.SayAttributes['language']>;
  text: string;
}

const IN_LINE_EN: Phrase = { voice: 'en-US', text: 'Thank you for calling. You are in line and will be put through to the next free agent.' };
/** "You are in line", by the customer's primary language. */
const IN_LINE: Record<string, Phrase> = {
  en: IN_LINE_EN,
  de: { voice: 'de-DE', text: 'Vielen Dank für Ihren Anruf. Sie sind in der Warteschlange und werden mit dem nächsten freien Mitarbeiter verbunden.' },
  es: { voice: 'es-ES', text: 'Gracias por llamar. Está en la cola y le pasaremos con el próximo agente disponible.' },
  fr: { voice: 'fr-FR', text: 'Merci de votre appel. Vous êtes en attente et serez mis en relation avec le prochain conseiller disponible.' },
  it: { voice: 'it-IT', text: "Grazie per aver chiamato. È in attesa e sarà messo in contatto con il primo operatore disponibile." },
  pt: { voice: 'pt-BR', text: 'Obrigado por ligar. Você está na fila e será atendido pelo próximo atendente disponível.' },
  nl: { voice: 'nl-NL', text: 'Bedankt voor uw oproep. U staat in de wachtrij en wordt doorverbonden met de eerstvolgende vrije medewerker.' },
  ja: { voice: 'ja-JP', text: 'お電話ありがとうございます。順番におつなぎしますので、このままお待ちください。' },
  zh: { voice: 'zh-CN', text: '感谢您的来电。您正在排队，我们将为您转接下一位空闲的客服。' },
  ko: { voice: 'ko-KR', text: '전화해 주셔서 감사합니다. 곧 다음 상담원에게 연결해 드리겠습니다. 잠시만 기다려 주세요.' },
  th: { voice: 'th-TH', text: 'ขอบคุณที่โทรมา ขณะนี้ท่านอยู่ในคิว เราจะโอนสายไปยังเจ้าหน้าที่คนถัดไปที่ว่าง' },
  id: { voice: 'id-ID', text: 'Terima kasih telah menelepon. Anda sedang dalam antrean dan akan segera dihubungkan dengan agen berikutnya yang tersedia.' },
};

/** Rings the agent's Device; `dialEndedUrl` hears whether they answered. The desk gets the conversation id with the call. */
export function ringAgent(agentId: string, conversationId: string, dialEndedUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const client = response.dial({ answerOnBridge: true, timeout: RING_SECONDS, action: dialEndedUrl }).client();
  client.identity(agentId);
  client.parameter({ name: 'conversationId', value: conversationId });
  return response.toString();
}

/** Nobody is free: the caller hears they are in line (in their language when we have it), waits, and routing is tried again. */
export function waitInLine(language: string, retryUrl: string): string {
  const phrase = IN_LINE[language.toLowerCase().split('-')[0] ?? ''] ?? IN_LINE_EN;
  const response = new twilio.twiml.VoiceResponse();
  response.say({ language: phrase.voice }, phrase.text);
  response.pause({ length: WAIT_SECONDS });
  response.redirect({ method: 'POST' }, retryUrl);
  return response.toString();
}

/** Straight back to routing, for the next agent. */
export function tryAgain(retryUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.redirect({ method: 'POST' }, retryUrl);
  return response.toString();
}

/** An agent's call out to a number, shown to them as coming from ours. */
export function dialNumber(callerId: string, number: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.dial({ callerId }).number(number);
  return response.toString();
}

/** A call moved out of the workstation: to a number or a SIP address, shown as coming from ours. */
export function dialAddress(callerId: string, address: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const dial = response.dial({ callerId });
  if (address.startsWith('sip:')) dial.sip(address);
  else dial.number(address);
  return response.toString();
}

/** Said (in English: the agent or an unknown caller hears it), then the call ends. */
export function refuse(message: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say({ language: 'en-US' }, message);
  return response.toString();
}

export function hangUp(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}
