/**
 * What customers write, per language, and the charsets and transfer encodings their mail
 * programs send it in. Written for the benchmark's corpus, apart from tests/email/fixtures: the
 * bench must not be tuned to the fixtures.
 */

/** One way a mail program sends text: the charset label it writes and how it encodes body and headers. */
export interface MailCharset {
  /** As written in Content-Type (mail programs use several labels for one charset). */
  label: string;
  /** The name iconv-lite or encoding-japanese knows it by. */
  codec: string;
  body: 'base64' | 'quoted-printable';
  /** RFC 2047 encoded words: B (base64) or Q. */
  header: 'B' | 'Q';
}

export interface MailLanguage {
  code: string;
  charsets: MailCharset[];
  names: string[];
  /** Local parts and domains customers write from. */
  domains: string[];
  subjects: string[];
  sentences: string[];
  greeting: string;
  closing: string;
  /** The line a mail program puts above quoted history ("On …, … wrote:"). */
  wrote: (name: string) => string;
  replyPrefix: string;
}

const utf8 = (body: MailCharset['body'], header: MailCharset['header']): MailCharset => ({ label: 'UTF-8', codec: 'utf-8', body, header });

export const LANGUAGES: MailLanguage[] = [
  {
    code: 'ja',
    charsets: [
      { label: 'ISO-2022-JP', codec: 'JIS', body: 'base64', header: 'B' },
      { label: 'Shift_JIS', codec: 'shift_jis', body: 'base64', header: 'B' },
      { label: 'iso-2022-jp', codec: 'JIS', body: 'quoted-printable', header: 'B' },
      utf8('base64', 'B'),
    ],
    names: ['佐藤 花子', '鈴木 一郎', '高橋 美咲', '田中 健太', '伊藤 由美', '渡辺 翔'],
    domains: ['example.jp', 'mail.example.co.jp', 'shop.example.ne.jp'],
    subjects: ['返品の手続きについて', 'ご請求内容の確認', 'アカウントにログインできません', '商品が破損していました', '配送先住所の変更', '領収書の再発行のお願い'],
    sentences: [
      '先週注文した商品がまだ届いておりません。',
      '請求書の金額が注文時の金額と異なっているようです。',
      'パスワードを再設定してもログインできない状態が続いています。',
      '箱を開けたところ、商品の角が割れていました。',
      'お手数ですが、状況をご確認いただけますでしょうか。',
      '注文番号は控えてありますので、必要であればお知らせください。',
    ],
    greeting: 'お世話になっております。',
    closing: 'よろしくお願いいたします。',
    wrote: (name) => `${name} さんは書きました:`,
    replyPrefix: 'Re:',
  },
  {
    code: 'zh-CN',
    charsets: [
      { label: 'GB18030', codec: 'gb18030', body: 'base64', header: 'B' },
      { label: 'gb2312', codec: 'gb18030', body: 'base64', header: 'B' },
      { label: 'GBK', codec: 'gbk', body: 'quoted-printable', header: 'B' },
      utf8('base64', 'B'),
    ],
    names: ['王芳', '张伟', '刘洋', '陈静', '杨磊', '赵敏'],
    domains: ['example.cn', 'mail.example.com.cn', 'qq.example.cn'],
    subjects: ['订单迟迟未发货', '退款什么时候到账', '发票抬头需要修改', '无法登录我的账户', '收到的商品有质量问题', '想更改收货地址'],
    sentences: [
      '我上周下的订单到现在还没有发货。',
      '申请退款已经十天了，钱还没有退回来。',
      '麻烦把发票抬头改成我们公司的全称。',
      '重置密码以后仍然提示账号或密码错误。',
      '包装里少了一个配件，请帮忙补发。',
      '请尽快回复，谢谢。',
    ],
    greeting: '您好，',
    closing: '谢谢！',
    wrote: (name) => `${name} 写道：`,
    replyPrefix: '回复：',
  },
  {
    code: 'zh-TW',
    charsets: [
      { label: 'Big5', codec: 'big5', body: 'quoted-printable', header: 'B' },
      { label: 'big5', codec: 'big5', body: 'base64', header: 'Q' },
      utf8('quoted-printable', 'B'),
    ],
    names: ['林志明', '黃美玲', '吳建宏', '蔡宜君', '許家豪'],
    domains: ['example.tw', 'mail.example.com.tw', 'hinet.example.tw'],
    subjects: ['訂單尚未出貨', '退貨流程詢問', '信用卡重複扣款', '帳號被鎖定了', '商品規格與網頁不符'],
    sentences: [
      '我的訂單已經付款一週了，還是顯示處理中。',
      '這個月的信用卡帳單出現兩筆相同的扣款。',
      '登入失敗三次之後帳號就被鎖住了。',
      '收到的顏色和網頁上的照片不一樣。',
      '請問退貨需要自己負擔運費嗎？',
      '麻煩盡快處理，謝謝。',
    ],
    greeting: '您好：',
    closing: '感謝您的協助。',
    wrote: (name) => `${name} 寫道：`,
    replyPrefix: '回覆：',
  },
  {
    code: 'ko',
    charsets: [
      { label: 'EUC-KR', codec: 'euc-kr', body: 'base64', header: 'B' },
      { label: 'ks_c_5601-1987', codec: 'cp949', body: 'base64', header: 'B' },
      utf8('quoted-printable', 'B'),
    ],
    names: ['이지은', '박서준', '최유리', '정민호', '강하늘'],
    domains: ['example.kr', 'mail.example.co.kr', 'naver.example.kr'],
    subjects: ['배송 조회가 되지 않습니다', '환불 요청드립니다', '결제 오류 문의', '회원 정보 변경', '교환 신청 방법'],
    sentences: [
      '주문한 지 일주일이 지났는데 배송 조회가 되지 않습니다.',
      '결제는 완료되었는데 주문 내역에 나타나지 않습니다.',
      '사이즈가 맞지 않아 교환을 원합니다.',
      '환불 처리가 언제 완료되는지 알려 주세요.',
      '확인 부탁드립니다.',
    ],
    greeting: '안녕하세요.',
    closing: '감사합니다.',
    wrote: (name) => `${name} 님이 작성:`,
    replyPrefix: 'RE:',
  },
  {
    code: 'th',
    charsets: [
      { label: 'TIS-620', codec: 'tis620', body: 'quoted-printable', header: 'B' },
      { label: 'windows-874', codec: 'windows-874', body: 'base64', header: 'B' },
      utf8('base64', 'B'),
    ],
    names: ['สมศรี มีสุข', 'ประยุทธ์ ใจงาม', 'วิภาวดี แสงทอง', 'ธนากร ศรีสุข'],
    domains: ['example.co.th', 'mail.example.in.th'],
    subjects: ['สินค้ายังไม่ได้รับ', 'ขอใบกำกับภาษี', 'เปลี่ยนที่อยู่จัดส่ง', 'ชำระเงินแล้วแต่สถานะไม่เปลี่ยน'],
    sentences: [
      'ผมสั่งสินค้าไปเมื่อสัปดาห์ที่แล้วแต่ยังไม่ได้รับเลยครับ',
      'รบกวนออกใบกำกับภาษีในนามบริษัทให้ด้วยค่ะ',
      'ขอเปลี่ยนที่อยู่จัดส่งเป็นที่ทำงานครับ',
      'โอนเงินแล้วแต่สถานะคำสั่งซื้อยังไม่เปลี่ยน',
      'ขอบคุณล่วงหน้าครับ',
    ],
    greeting: 'สวัสดีครับ',
    closing: 'ขอบคุณครับ',
    wrote: (name) => `${name} เขียนว่า:`,
    replyPrefix: 'Re:',
  },
  {
    code: 'ru',
    charsets: [
      { label: 'windows-1251', codec: 'windows-1251', body: 'quoted-printable', header: 'B' },
      { label: 'KOI8-R', codec: 'koi8-r', body: 'quoted-printable', header: 'Q' },
      utf8('base64', 'B'),
    ],
    names: ['Иван Петров', 'Ольга Смирнова', 'Дмитрий Козлов', 'Анна Волкова'],
    domains: ['example.ru', 'mail.example.ru', 'yandex.example.ru'],
    subjects: ['Заказ не доставлен', 'Возврат денежных средств', 'Ошибка при оплате', 'Не приходит письмо для входа'],
    sentences: [
      'Мой заказ должен был прийти ещё в понедельник.',
      'Деньги списались дважды, прошу вернуть лишнюю сумму.',
      'Письмо со ссылкой для входа так и не пришло.',
      'Товар пришёл с повреждённой упаковкой.',
      'Жду вашего ответа.',
    ],
    greeting: 'Здравствуйте!',
    closing: 'С уважением,',
    wrote: (name) => `${name} писал(а):`,
    replyPrefix: 'Re:',
  },
  {
    code: 'ar',
    charsets: [
      { label: 'windows-1256', codec: 'windows-1256', body: 'base64', header: 'B' },
      { label: 'ISO-8859-6', codec: 'iso-8859-6', body: 'quoted-printable', header: 'B' },
      utf8('base64', 'B'),
    ],
    names: ['محمد حسن', 'فاطمة علي', 'خالد إبراهيم', 'سارة أحمد'],
    domains: ['example.sa', 'mail.example.ae', 'example.eg'],
    subjects: ['لم يصل الطلب بعد', 'طلب استرداد المبلغ', 'مشكلة في الفاتورة', 'تغيير عنوان الشحن'],
    sentences: [
      'طلبت المنتج منذ أسبوعين ولم يصل حتى الآن.',
      'أرجو استرداد المبلغ لأن المنتج لا يعمل.',
      'الفاتورة تحتوي على مبلغ خاطئ.',
      'أرجو تغيير عنوان الشحن إلى عنوان العمل.',
      'شكرا لتعاونكم.',
    ],
    greeting: 'مرحبا،',
    closing: 'مع التحية،',
    wrote: (name) => `كتب ${name}:`,
    replyPrefix: 'رد:',
  },
  {
    code: 'de',
    charsets: [
      { label: 'windows-1252', codec: 'windows-1252', body: 'quoted-printable', header: 'Q' },
      { label: 'ISO-8859-1', codec: 'iso-8859-1', body: 'quoted-printable', header: 'Q' },
      { label: 'iso-8859-15', codec: 'iso-8859-15', body: 'quoted-printable', header: 'Q' },
      utf8('quoted-printable', 'Q'),
    ],
    names: ['Jürgen Müller', 'Sabine Weiß', 'Björn Schäfer', 'Käthe Groß', 'Uwe Köhler'],
    domains: ['example.de', 'mail.example.at', 'gmx.example.ch'],
    subjects: ['Rückfrage zur Lieferung', 'Rechnung fehlerhaft', 'Kündigung meines Abos', 'Umtausch gewünscht', 'Zugangsdaten vergessen'],
    sentences: [
      'Meine Bestellung ist immer noch nicht angekommen.',
      'Auf der Rechnung steht ein falscher Betrag – bitte prüfen Sie das.',
      'Ich möchte mein Abonnement zum Monatsende kündigen.',
      'Die Größe passt leider nicht, ich würde gern umtauschen.',
      'Über eine kurze Rückmeldung würde ich mich freuen.',
    ],
    greeting: 'Sehr geehrte Damen und Herren,',
    closing: 'Mit freundlichen Grüßen',
    wrote: (name) => `${name} schrieb:`,
    replyPrefix: 'AW:',
  },
  {
    code: 'fr',
    charsets: [
      { label: 'windows-1252', codec: 'windows-1252', body: 'quoted-printable', header: 'Q' },
      { label: 'iso-8859-15', codec: 'iso-8859-15', body: 'quoted-printable', header: 'Q' },
      utf8('quoted-printable', 'Q'),
    ],
    names: ['Hélène Dubois', 'François Lefèvre', 'Zoé Mercier', 'Cédric Garçon'],
    domains: ['example.fr', 'orange.example.fr', 'mail.example.be'],
    subjects: ['Commande non reçue', 'Problème de facturation', 'Demande de remboursement', 'Changement d’adresse'],
    sentences: [
      'Je n’ai toujours pas reçu ma commande passée la semaine dernière.',
      'Le montant prélevé ne correspond pas à celui de la facture.',
      'Pourriez-vous procéder au remboursement de l’article défectueux ?',
      'Merci de mettre à jour mon adresse de livraison.',
      'Dans l’attente de votre réponse.',
    ],
    greeting: 'Bonjour,',
    closing: 'Cordialement,',
    wrote: (name) => `${name} a écrit :`,
    replyPrefix: 'RE :',
  },
  {
    code: 'es',
    charsets: [
      { label: 'windows-1252', codec: 'windows-1252', body: 'quoted-printable', header: 'Q' },
      { label: 'ISO-8859-1', codec: 'iso-8859-1', body: 'base64', header: 'B' },
      utf8('quoted-printable', 'Q'),
    ],
    names: ['José Martínez', 'María Núñez', 'Ángel Ibáñez', 'Lucía Peña'],
    domains: ['example.es', 'correo.example.mx', 'mail.example.com.ar'],
    subjects: ['Pedido sin recibir', 'Cobro duplicado', 'Cambio de talla', 'No puedo iniciar sesión'],
    sentences: [
      'Todavía no he recibido mi pedido y ya pasó una semana.',
      'Me cobraron dos veces el mismo pedido.',
      'Necesito cambiar la talla de la camiseta.',
      'No puedo iniciar sesión desde que cambié la contraseña.',
      'Quedo atento a su respuesta.',
    ],
    greeting: 'Hola,',
    closing: 'Saludos cordiales,',
    wrote: (name) => `${name} escribió:`,
    replyPrefix: 'RE:',
  },
  {
    code: 'en',
    charsets: [utf8('quoted-printable', 'Q'), utf8('base64', 'B'), { label: 'windows-1252', codec: 'windows-1252', body: 'quoted-printable', header: 'Q' }],
    names: ['Emily Clarke', 'Michael Brown', 'Priya Nair', 'Tom O’Neill', 'Grace Kim'],
    domains: ['example.com', 'mail.example.co.uk', 'corp.example.org', 'example.net'],
    subjects: ['Where is my order?', 'Invoice', 'Refund request', 'Cannot sign in', 'Wrong item delivered', 'Question about my subscription'],
    sentences: [
      'I ordered last Tuesday and the tracking page has not changed since.',
      'The invoice shows the wrong VAT number for our company.',
      'Could you refund the second charge on my card?',
      'The password reset link says it has expired.',
      'I received a blue one instead of the black one I ordered.',
      'Thanks in advance for looking into this.',
    ],
    greeting: 'Hi,',
    closing: 'Best regards,',
    wrote: (name) => `On Mon, Nov 30, 2026 at 10:12 AM ${name} wrote:`,
    replyPrefix: 'Re:',
  },
  {
    code: 'vi',
    charsets: [utf8('quoted-printable', 'Q'), utf8('base64', 'B')],
    names: ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Hoàng Nam'],
    domains: ['example.vn', 'mail.example.com.vn'],
    subjects: ['Đơn hàng chưa được giao', 'Yêu cầu hoàn tiền', 'Không đăng nhập được'],
    sentences: ['Tôi đã đặt hàng từ tuần trước nhưng vẫn chưa nhận được.', 'Xin vui lòng hoàn tiền cho sản phẩm bị lỗi.', 'Tôi không thể đăng nhập vào tài khoản.', 'Cảm ơn anh chị.'],
    greeting: 'Chào anh chị,',
    closing: 'Trân trọng,',
    wrote: (name) => `${name} đã viết:`,
    replyPrefix: 'Trả lời:',
  },
];
