/**
 * The automatic reply to a customer who writes while every team serving them is closed, in
 * their language, with the time their conversation will be answered in their own time zone.
 */
const TEMPLATES: Record<string, { at: string; later: string }> = {
  en: { at: 'Thank you for your message. Our team is away right now and will answer you from {time}.', later: 'Thank you for your message. Our team is away right now and will answer you as soon as it is back.' },
  de: { at: 'Danke für Ihre Nachricht. Unser Team ist gerade nicht erreichbar und antwortet Ihnen ab {time}.', later: 'Danke für Ihre Nachricht. Unser Team ist gerade nicht erreichbar und antwortet Ihnen, sobald es zurück ist.' },
  es: { at: 'Gracias por su mensaje. Nuestro equipo no está disponible ahora y le responderá a partir de {time}.', later: 'Gracias por su mensaje. Nuestro equipo no está disponible ahora y le responderá en cuanto vuelva.' },
  pt: { at: 'Obrigado pela sua mensagem. Nossa equipe não está disponível agora e responderá a partir de {time}.', later: 'Obrigado pela sua mensagem. Nossa equipe não está disponível agora e responderá assim que voltar.' },
  fr: { at: 'Merci pour votre message. Notre équipe est absente pour le moment et vous répondra à partir de {time}.', later: 'Merci pour votre message. Notre équipe est absente pour le moment et vous répondra dès son retour.' },
  ar: { at: 'شكراً لرسالتك. فريقنا غير متاح الآن وسيرد عليك ابتداءً من {time}.', later: 'شكراً لرسالتك. فريقنا غير متاح الآن وسيرد عليك فور عودته.' },
  th: { at: 'ขอบคุณสำหรับข้อความค่ะ ขณะนี้ทีมงานไม่อยู่ และจะตอบกลับตั้งแต่ {time} ค่ะ', later: 'ขอบคุณสำหรับข้อความค่ะ ขณะนี้ทีมงานไม่อยู่ และจะตอบกลับทันทีที่กลับมาค่ะ' },
  zh: { at: '感谢您的留言。我们的团队目前不在线，将于 {time} 起回复您。', later: '感谢您的留言。我们的团队目前不在线，回来后会尽快回复您。' },
  ja: { at: 'お問い合わせありがとうございます。ただいま担当者が不在のため、{time}以降にご返信いたします。', later: 'お問い合わせありがとうございます。ただいま担当者が不在のため、戻り次第ご返信いたします。' },
  id: { at: 'Terima kasih atas pesan Anda. Tim kami sedang tidak tersedia dan akan membalas mulai {time}.', later: 'Terima kasih atas pesan Anda. Tim kami sedang tidak tersedia dan akan membalas segera setelah kembali.' },
};

/** The reply text; `opensAt` null when no opening is known. Unknown languages get English. */
export function afterHoursReply(language: string, opensAt: number | null, timeZone: string): string {
  const primary = language.toLowerCase().split('-')[0] ?? 'en';
  const template = TEMPLATES[primary] ?? TEMPLATES.en!;
  if (opensAt === null) return template.later;
  const time = new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(opensAt));
  return template.at.replace('{time}', time);
}
