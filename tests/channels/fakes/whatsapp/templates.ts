import type { WhatsAppFakeTemplate } from './fake.js';

/** Templates as a business keeps them in WhatsApp Manager, in several languages and states, as the Graph API lists them. */
export function orderTemplates(): WhatsAppFakeTemplate[] {
  const body = (text: string) => ({ type: 'BODY' as const, text });
  return [
    { name: 'order_shipped', language: 'en_US', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'HEADER', format: 'TEXT', text: 'Acme' }, body('Hello {{1}}, your order {{2}} has shipped.'), { type: 'FOOTER', text: 'Reply STOP to opt out' }] },
    { name: 'order_shipped', language: 'de', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'HEADER', format: 'TEXT', text: 'Acme' }, body('Hallo {{1}}, deine Bestellung {{2}} ist unterwegs.'), { type: 'FOOTER', text: 'Antworte STOP zum Abmelden' }] },
    { name: 'follow_up', language: 'de', status: 'APPROVED', category: 'UTILITY', components: [body('Hallo {{1}}, wir haben noch eine Frage zu deiner Anfrage. Schreib uns einfach zurück.')] },
    { name: 'follow_up', language: 'en_US', status: 'APPROVED', category: 'UTILITY', components: [body('Hello {{1}}, we have one more question about your request. Just write back.')] },
    { name: 'spring_sale', language: 'en_US', status: 'PENDING', category: 'MARKETING', components: [body('Our spring sale starts today!')] },
    { name: 'old_offer', language: 'en_US', status: 'REJECTED', category: 'MARKETING', components: [body('Old offer')] },
    { name: 'receipt_pdf', language: 'en_US', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'HEADER', format: 'DOCUMENT' }, body('Your receipt, {{1}}.')] },
    { name: 'named_hello', language: 'en_US', status: 'APPROVED', category: 'UTILITY', parameter_format: 'NAMED', components: [body('Hello {{first_name}}')] },
  ];
}

/** Many approved templates (a large business's), so the list takes several pages. */
export function manyTemplates(count: number): WhatsAppFakeTemplate[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `notice_${String(index).padStart(3, '0')}`,
    language: 'en_US',
    status: 'APPROVED' as const,
    category: 'UTILITY',
    components: [{ type: 'BODY' as const, text: `Notice ${index} for {{1}}.` }],
  }));
}
