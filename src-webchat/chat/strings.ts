/** What the chat page says, in the languages the company serves (English when the browser's is not here). */
export interface ChatText {
  title: string;
  subtitle: string;
  welcome: string;
  intro: string;
  nameLabel: string;
  start: string;
  placeholder: string;
  send: string;
  connecting: string;
  online: string;
  reconnecting: string;
  sending: string;
  you: string;
  /** `{name}` is the customer's. */
  hello: string;
  /** `{n}` is the place in line, `{m}` the minutes expected. */
  queue: string;
  queueUnknown: string;
  rateTitle: string;
  rateComment: string;
  rateSend: string;
  rateThanks: string;
  star: string;
}

const CHAT_STRINGS = {
  en: { title: 'Customer service', subtitle: 'We reply in your language', welcome: 'Hi there!', intro: 'Tell us your name and we will connect you with someone who speaks your language.', nameLabel: 'Your name', start: 'Start chat', placeholder: 'Write a message…', send: 'Send', connecting: 'Connecting…', online: 'Online', reconnecting: 'Connection lost, reconnecting…', sending: 'Sending…', you: 'You', hello: 'Hi {name}! Write your question below and a member of our team will answer here.', queue: 'You are number {n} in line. Expected wait: about {m} min.', queueUnknown: 'You are number {n} in line. We will answer as soon as someone is free.', rateTitle: 'How did we do?', rateComment: 'Anything to add? (optional)', rateSend: 'Send rating', rateThanks: 'Thank you for your rating!', star: '{n} of 5' },
  zh: { title: '客户服务', subtitle: '我们用您的语言回复', welcome: '您好！', intro: '请留下您的名字，我们会为您安排讲您语言的客服。', nameLabel: '您的名字', start: '开始聊天', placeholder: '输入消息…', send: '发送', connecting: '正在连接…', online: '在线', reconnecting: '连接中断，正在重新连接…', sending: '发送中…', you: '我', hello: '{name}，您好！请在下方输入您的问题，我们的客服会在这里回复您。', queue: '您排在第 {n} 位。预计等待约 {m} 分钟。', queueUnknown: '您排在第 {n} 位。客服有空后会尽快回复您。', rateTitle: '您对本次服务满意吗？', rateComment: '还有什么想说的吗？（选填）', rateSend: '提交评价', rateThanks: '感谢您的评价！', star: '{n} 星（满分 5 星）' },
  ja: { title: 'カスタマーサービス', subtitle: 'お客様の言語でご返信します', welcome: 'こんにちは', intro: 'お名前をご入力ください。お客様の言語を話す担当者におつなぎします。', nameLabel: 'お名前', start: 'チャットを開始', placeholder: 'メッセージを入力…', send: '送信', connecting: '接続しています…', online: 'オンライン', reconnecting: '接続が切れました。再接続しています…', sending: '送信中…', you: 'あなた', hello: '{name} 様、ご質問を下にご入力ください。担当者がこちらでご返信いたします。', queue: 'ただいま {n} 番目にお待ちいただいています。待ち時間は約 {m} 分です。', queueUnknown: 'ただいま {n} 番目にお待ちいただいています。担当者が空き次第ご返信いたします。', rateTitle: '本日の対応はいかがでしたか？', rateComment: 'ご意見があればご記入ください（任意）', rateSend: '評価を送信', rateThanks: 'ご評価ありがとうございました。', star: '5 段階中 {n}' },
  th: { title: 'ฝ่ายบริการลูกค้า', subtitle: 'เราตอบกลับเป็นภาษาของคุณ', welcome: 'สวัสดีค่ะ', intro: 'กรุณาบอกชื่อของคุณ เราจะเชื่อมต่อคุณกับเจ้าหน้าที่ที่พูดภาษาของคุณ', nameLabel: 'ชื่อของคุณ', start: 'เริ่มแชท', placeholder: 'พิมพ์ข้อความ…', send: 'ส่ง', connecting: 'กำลังเชื่อมต่อ…', online: 'ออนไลน์', reconnecting: 'การเชื่อมต่อขาดหาย กำลังเชื่อมต่อใหม่…', sending: 'กำลังส่ง…', you: 'คุณ', hello: 'สวัสดีค่ะคุณ {name} พิมพ์คำถามด้านล่างได้เลย เจ้าหน้าที่จะตอบที่นี่ค่ะ', queue: 'คุณอยู่ลำดับที่ {n} ในคิว เวลารอโดยประมาณ {m} นาที', queueUnknown: 'คุณอยู่ลำดับที่ {n} ในคิว เราจะตอบกลับทันทีที่มีเจ้าหน้าที่ว่างค่ะ', rateTitle: 'บริการของเราเป็นอย่างไรบ้าง', rateComment: 'มีอะไรเพิ่มเติมไหม (ไม่บังคับ)', rateSend: 'ส่งคะแนน', rateThanks: 'ขอบคุณสำหรับคะแนนค่ะ', star: '{n} จาก 5' },
  id: { title: 'Layanan pelanggan', subtitle: 'Kami membalas dalam bahasa Anda', welcome: 'Halo!', intro: 'Sebutkan nama Anda dan kami akan menghubungkan Anda dengan petugas yang berbicara dalam bahasa Anda.', nameLabel: 'Nama Anda', start: 'Mulai chat', placeholder: 'Tulis pesan…', send: 'Kirim', connecting: 'Menghubungkan…', online: 'Online', reconnecting: 'Koneksi terputus, menghubungkan kembali…', sending: 'Mengirim…', you: 'Anda', hello: 'Halo {name}! Tulis pertanyaan Anda di bawah, tim kami akan menjawab di sini.', queue: 'Anda berada di antrean nomor {n}. Perkiraan waktu tunggu: sekitar {m} menit.', queueUnknown: 'Anda berada di antrean nomor {n}. Kami akan menjawab begitu ada petugas yang tersedia.', rateTitle: 'Bagaimana layanan kami?', rateComment: 'Ada yang ingin ditambahkan? (opsional)', rateSend: 'Kirim penilaian', rateThanks: 'Terima kasih atas penilaian Anda!', star: '{n} dari 5' },
  de: { title: 'Kundenservice', subtitle: 'Wir antworten in Ihrer Sprache', welcome: 'Hallo!', intro: 'Nennen Sie uns Ihren Namen, und wir verbinden Sie mit jemandem, der Ihre Sprache spricht.', nameLabel: 'Ihr Name', start: 'Chat starten', placeholder: 'Nachricht schreiben…', send: 'Senden', connecting: 'Verbinde…', online: 'Online', reconnecting: 'Verbindung unterbrochen, verbinde neu…', sending: 'Wird gesendet…', you: 'Sie', hello: 'Hallo {name}! Schreiben Sie Ihre Frage unten, unser Team antwortet hier.', queue: 'Sie sind Nummer {n} in der Warteschlange. Voraussichtliche Wartezeit: etwa {m} Min.', queueUnknown: 'Sie sind Nummer {n} in der Warteschlange. Wir antworten, sobald jemand frei ist.', rateTitle: 'Wie zufrieden waren Sie?', rateComment: 'Möchten Sie noch etwas sagen? (optional)', rateSend: 'Bewertung senden', rateThanks: 'Vielen Dank für Ihre Bewertung!', star: '{n} von 5' },
  es: { title: 'Atención al cliente', subtitle: 'Le respondemos en su idioma', welcome: '¡Hola!', intro: 'Díganos su nombre y le pondremos en contacto con alguien que hable su idioma.', nameLabel: 'Su nombre', start: 'Iniciar chat', placeholder: 'Escriba un mensaje…', send: 'Enviar', connecting: 'Conectando…', online: 'En línea', reconnecting: 'Conexión perdida, reconectando…', sending: 'Enviando…', you: 'Usted', hello: '¡Hola, {name}! Escriba su consulta abajo y nuestro equipo le responderá aquí.', queue: 'Es el número {n} en la cola. Espera estimada: unos {m} min.', queueUnknown: 'Es el número {n} en la cola. Le responderemos en cuanto alguien esté libre.', rateTitle: '¿Qué tal le atendimos?', rateComment: '¿Algo que añadir? (opcional)', rateSend: 'Enviar valoración', rateThanks: '¡Gracias por su valoración!', star: '{n} de 5' },
  pt: { title: 'Atendimento ao cliente', subtitle: 'Respondemos no seu idioma', welcome: 'Olá!', intro: 'Diga o seu nome e vamos conectar você com alguém que fala o seu idioma.', nameLabel: 'Seu nome', start: 'Iniciar conversa', placeholder: 'Escreva uma mensagem…', send: 'Enviar', connecting: 'Conectando…', online: 'Online', reconnecting: 'Conexão perdida, reconectando…', sending: 'Enviando…', you: 'Você', hello: 'Olá, {name}! Escreva sua dúvida abaixo e nossa equipe responde aqui.', queue: 'Você é o número {n} na fila. Espera estimada: cerca de {m} min.', queueUnknown: 'Você é o número {n} na fila. Responderemos assim que alguém estiver livre.', rateTitle: 'Como foi o nosso atendimento?', rateComment: 'Algo a acrescentar? (opcional)', rateSend: 'Enviar avaliação', rateThanks: 'Obrigado pela sua avaliação!', star: '{n} de 5' },
  ar: { title: 'خدمة العملاء', subtitle: 'نرد عليك بلغتك', welcome: 'أهلاً بك!', intro: 'أخبرنا باسمك وسنوصلك بموظف يتحدث لغتك.', nameLabel: 'اسمك', start: 'ابدأ المحادثة', placeholder: 'اكتب رسالة…', send: 'إرسال', connecting: 'جارٍ الاتصال…', online: 'متصل', reconnecting: 'انقطع الاتصال، جارٍ إعادة الاتصال…', sending: 'جارٍ الإرسال…', you: 'أنت', hello: 'أهلاً {name}! اكتب سؤالك بالأسفل وسيرد عليك فريقنا هنا.', queue: 'ترتيبك {n} في قائمة الانتظار. مدة الانتظار المتوقعة: حوالي {m} دقيقة.', queueUnknown: 'ترتيبك {n} في قائمة الانتظار. سنرد عليك فور توفر أحد الموظفين.', rateTitle: 'ما تقييمك لخدمتنا؟', rateComment: 'هل لديك ما تضيفه؟ (اختياري)', rateSend: 'إرسال التقييم', rateThanks: 'شكراً لتقييمك!', star: '{n} من 5' },
  fr: { title: 'Service client', subtitle: 'Nous répondons dans votre langue', welcome: 'Bonjour !', intro: 'Indiquez votre nom et nous vous mettrons en relation avec quelqu’un qui parle votre langue.', nameLabel: 'Votre nom', start: 'Démarrer le chat', placeholder: 'Écrivez un message…', send: 'Envoyer', connecting: 'Connexion…', online: 'En ligne', reconnecting: 'Connexion perdue, reconnexion…', sending: 'Envoi…', you: 'Vous', hello: 'Bonjour {name} ! Écrivez votre question ci-dessous, notre équipe vous répondra ici.', queue: 'Vous êtes numéro {n} dans la file. Attente estimée : environ {m} min.', queueUnknown: 'Vous êtes numéro {n} dans la file. Nous répondrons dès que quelqu’un sera libre.', rateTitle: 'Comment était notre service ?', rateComment: 'Quelque chose à ajouter ? (facultatif)', rateSend: 'Envoyer la note', rateThanks: 'Merci pour votre note !', star: '{n} sur 5' },
} satisfies Record<string, ChatText>;

/** `language` is a primary subtag, such as "th". */
export function chatText(language: string): ChatText {
  return Object.hasOwn(CHAT_STRINGS, language) ? CHAT_STRINGS[language as keyof typeof CHAT_STRINGS] : CHAT_STRINGS.en;
}
