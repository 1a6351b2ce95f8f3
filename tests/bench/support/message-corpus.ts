import type { Cache } from '../../../src-main/store/cache.js';
import { previewOf, type Message } from '../../../src-shared/domain/model.js';
import { sampleConversation, sampleMessage } from '../../../src-main/store/testing/records.js';
import { seededRandom as random } from '../../../src-shared/domain/seeded-random.js';

/**
 * A desk cache's worth of customer-service traffic for the message-search benchmark: conversations
 * of several teams and markets, each in one language, customer and agent turns of one to four
 * sentences with order numbers, and a few internal notes. Most history arrives the way a resync
 * brings it (conversation by conversation, so arrival order is not time order), the rest live.
 */

interface Language {
  code: string;
  market: string;
  team: string;
  share: number;
  customer: string[];
  agent: string[];
}

const LANGUAGES: Language[] = [
  {
    code: 'en', market: 'US', team: 'americas', share: 0.3,
    customer: ['Where is my order? It should have arrived yesterday.', 'Can I change the delivery address please?', 'I would like a refund for the damaged item.', 'The tracking page has not updated for three days.', 'Please send me an invoice with VAT.', 'My payment failed but the money was taken from my account.', 'The parcel was left at the wrong door.', 'Thanks for your help!'],
    agent: ['Thanks for reaching out, I am checking your order now.', 'I have updated the delivery address on your order.', 'Your refund was issued and should reach your card in 5 to 7 days.', 'Could you confirm the delivery address for the replacement?', 'I have attached the invoice to this message.', 'Is there anything else I can help you with?'],
  },
  {
    code: 'zh', market: 'CN', team: 'apac', share: 0.15,
    customer: ['我的订单还没有到，已经等了一个星期了', '请问退款需要多久才能到账？', '快递显示已签收但是我没有收到', '可以修改收货地址吗？', '商品有破损，我想退货', '发票什么时候可以开？', '支付失败了但是钱被扣了'],
    agent: ['您好，我帮您查一下订单', '退款已经提交，三到五个工作日到账', '收货地址已经帮您修改好了', '给您带来不便非常抱歉', '请问还有其他可以帮您的吗？'],
  },
  {
    code: 'ja', market: 'JP', team: 'apac', share: 0.12,
    customer: ['荷物がまだ届いていません', '返品したいのですが、手続きを教えてください', '配送先の住所を変更できますか', '注文をキャンセルしたいです', '領収書を発行してください', '支払いが完了しません'],
    agent: ['ご連絡ありがとうございます。ご注文を確認いたします', '返品の手続きをご案内いたします', '配送先の住所を変更いたしました', 'ご迷惑をおかけして申し訳ございません', 'ご対応ありがとうございます'],
  },
  {
    code: 'ko', market: 'KR', team: 'apac', share: 0.08,
    customer: ['주문한 상품이 아직 도착하지 않았어요', '환불은 언제 되나요?', '배송지 주소를 변경하고 싶습니다', '결제가 두 번 되었어요', '교환 신청은 어떻게 하나요?'],
    agent: ['안녕하세요, 주문 내역을 확인해 드리겠습니다', '환불 처리가 완료되었습니다', '배송지 주소를 변경해 드렸습니다', '불편을 드려 죄송합니다', '감사합니다'],
  },
  {
    code: 'th', market: 'TH', team: 'apac', share: 0.12,
    customer: ['พัสดุของฉันยังไม่มาถึงเลยค่ะ', 'ขอเปลี่ยนที่อยู่จัดส่งได้ไหมครับ', 'ต้องการคืนเงินค่ะ สินค้าชำรุด', 'เก็บเงินปลายทางได้ไหม', 'ผมชำระเงินแล้วแต่สถานะยังไม่เปลี่ยน', 'ขอใบกำกับภาษีด้วยค่ะ'],
    agent: ['สวัสดีค่ะ ขอตรวจสอบคำสั่งซื้อสักครู่นะคะ', 'เปลี่ยนที่อยู่จัดส่งให้เรียบร้อยแล้วค่ะ', 'คืนเงินเรียบร้อยแล้ว จะได้รับภายใน 7 วันค่ะ', 'ขออภัยในความไม่สะดวกค่ะ', 'ขอบคุณที่ติดต่อเรามาค่ะ'],
  },
  {
    code: 'es', market: 'MX', team: 'americas', share: 0.1,
    customer: ['Hola, mi pedido no ha llegado todavía', '¿Puedo cambiar la dirección de entrega?', 'Quiero un reembolso a mi tarjeta', 'Pagué con OXXO y no se refleja el pago', 'Gracias por la ayuda'],
    agent: ['Hola, reviso tu pedido enseguida', 'Ya cambié la dirección de entrega', 'El reembolso se verá en tu tarjeta en 5 días hábiles', '¿Hay algo más en lo que pueda ayudarte?'],
  },
  {
    code: 'de', market: 'DE', team: 'emea', share: 0.08,
    customer: ['Ich möchte mein Geld zurück', 'Wo bleibt meine Bestellung?', 'Bitte schicken Sie mir eine Rechnung mit ausgewiesener Mehrwertsteuer', 'Kann ich die Lieferadresse noch ändern?', 'Ich mache von meinem Widerrufsrecht Gebrauch'],
    agent: ['Danke für Ihre Nachricht, ich prüfe Ihre Bestellung', 'Die Rechnung finden Sie im Anhang', 'Die Lieferadresse wurde geändert', 'Die Erstattung ist veranlasst'],
  },
  {
    code: 'id', market: 'ID', team: 'apac', share: 0.05,
    customer: ['Pembayaran saya gagal tapi saldo terpotong', 'Kapan pesanan saya sampai?', 'Saya mau ganti alamat pengiriman'],
    agent: ['Baik, kami cek pesanan Anda dulu', 'Alamat pengiriman sudah kami ubah', 'Dana akan dikembalikan dalam 3 hari kerja'],
  },
];

/** Queries by kind, chosen from how agents search, not from what the index handles well. */
export const MESSAGE_QUERIES: Record<string, string[]> = {
  'cjk-1char': ['退', '品', '환', '送'],
  'cjk-2char': ['退款', '返品', '배송', '地址', '注文', '환불'],
  'cjk-longer': ['退款需要多久', '届いていません', '修改收货地址', '配送先の住所', '주문 내역을', '快递显示已签收'],
  thai: ['ที่อยู่', 'เก็บเงินปลายทาง', 'ผม', 'คืนเงิน', 'ค่ะ', 'ใบกำกับภาษี'],
  'latin-word': ['refund', 'Rechnung', 'reembolso', 'pedido', 'invoice', 'OXXO'],
  'phrase-10pct': ['delivery address', 'the delivery address'],
  'no-match': ['zqxwv', '量子计算', 'ไดโนเสาร์', '양자컴퓨터', 'Quantencomputer'],
};

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

/** Long threads: the first `count` conversations get `length` messages each, the rest spread over the others. */
export interface LongThreads {
  count: number;
  length: number;
}

const CHAT_CHANNELS = ['webchat', 'whatsapp', 'line', 'messenger', 'email', 'telegram', 'wechat', 'sms'] as const;
const COLLEAGUES = ['agent-mei', 'agent-olivia', 'agent-lucas', 'agent-somchai', null] as const;
const NAMES = ['Nok', 'Chen Jing', 'Sato Yui', 'Kim Minji', 'María López', 'Jonas Becker', 'Dewi Lestari', 'Sam Carter', 'Ana Souza', 'Wang Lei'];

/**
 * Fills `cache` with `messages` messages over `conversations` cached conversations (plus 1% of
 * messages whose conversation left the cache). Each conversation's last message and time are its
 * newest message's; its status, channel, assignee and customer are drawn as a desk would hold them.
 */
export function fillMessageCorpus(cache: Cache, messages: number, conversations: number, long: LongThreads = { count: 0, length: 0 }): void {
  const next = random(20);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const languageOf = (): Language => {
    let at = next();
    for (const language of LANGUAGES) if ((at -= language.share) < 0) return language;
    return LANGUAGES[0]!;
  };
  const talk = Array.from({ length: conversations + conversations / 100 }, (_, n) => ({ id: `c${n}`, language: languageOf(), start: START + Math.floor(next() * 300 * DAY), cached: n < conversations }));
  const inLong = Math.min(messages, long.count * long.length);
  const all = Array.from({ length: messages }, (_, n) => {
    const c = n < inLong ? talk[Math.floor(n / long.length)]! : talk[Math.floor(next() * talk.length)]!;
    const agent = next() < 0.45;
    const sentences = Array.from({ length: 1 + Math.floor(next() * next() * 4) }, () => pick(agent ? c.language.agent : c.language.customer));
    if (next() < 0.3) sentences.push(`#${100_000 + Math.floor(next() * 900_000)}`);
    const body = sentences.join(c.language.code === 'zh' || c.language.code === 'ja' ? '' : ' ');
    const createdAt = c.start + Math.floor(next() * 60 * DAY);
    return sampleMessage({ id: `m${n}`, conversationId: c.id, author: agent ? 'agent' : 'customer', authorId: agent ? 'agent-mei' : null, authorName: agent ? 'Mei' : 'Customer', body, createdAt, internal: agent && next() < 0.05 });
  });
  // 80% as a resync brings it (by conversation), the newest 20% live in time order.
  const live = [...all].sort((a, b) => a.createdAt - b.createdAt).slice(Math.floor(all.length * 0.8));
  const liveIds = new Set(live.map((m) => m.id));
  const synced = all.filter((m) => !liveIds.has(m.id)).sort((a, b) => (a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0));
  const ordered = [...synced, ...live];
  upsertConversations(cache, talk.filter((t) => t.cached), all);
  for (let start = 0; start < ordered.length; start += 20_000) {
    cache.transaction(() => {
      for (const message of ordered.slice(start, start + 20_000)) cache.messages.upsertSent(message);
    });
  }
}

/** The desk's rows for the cached conversations, from a generator of their own (the messages do not move when these change). */
function upsertConversations(cache: Cache, cached: readonly { id: string; language: Language; start: number }[], all: readonly Message[]): void {
  const next = random(21);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const last = new Map<string, Message>();
  for (const message of all) {
    const seen = last.get(message.conversationId);
    if (!seen || message.createdAt >= seen.createdAt) last.set(message.conversationId, message);
  }
  cache.transaction(() => {
    for (const c of cached) {
      const newest = last.get(c.id);
      const at = newest?.createdAt ?? c.start;
      const status = next() < 0.5 ? 'resolved' : next() < 0.6 ? 'open' : 'pending';
      cache.conversations.upsert(
        sampleConversation({
          id: c.id, teamId: c.language.team, language: c.language.code, market: c.language.market, customerId: `k${c.id}`, customerName: pick(NAMES),
          channel: pick(CHAT_CHANNELS), status, assigneeId: status === 'resolved' || next() < 0.7 ? pick(COLLEAGUES) : null,
          createdAt: c.start, updatedAt: at, lastMessageAt: at, lastMessagePreview: previewOf(newest?.body ?? ''),
          labels: next() < 0.15 ? [pick(['refund', 'delivery', 'billing', 'vip-care'])] : [], vip: next() < 0.03,
        }),
      );
    }
  });
}
