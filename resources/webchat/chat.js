// The customer's web chat. Plain script, no framework: it talks to the relay over /webchat,
// keeps the visitor token (and unsent messages) in localStorage, and renders every message
// with textContent, never as markup.
(function () {
  'use strict';

  var STRINGS = {
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
  };
  var RTL = ['ar', 'he', 'fa', 'ur'];
  var RETRY_MAX_MS = 5000;

  var params = new URLSearchParams(location.search);
  var tenant = params.get('tenant') || undefined;
  var language = browserLanguage();
  var primary = language.split('-')[0].toLowerCase();
  var text = STRINGS[primary] || STRINGS.en;
  var storageKey = 'gsw-webchat:' + (tenant || '');
  var el = {};

  var saved = load();
  var socket = null;
  var ready = false;
  var attempt = 0;
  var retryTimer = null;
  var stopped = false;
  /** Sent or waiting messages of this customer that the relay has not echoed yet. */
  var outbox = saved.outbox || [];
  /** Message elements by message id, and pending ones by clientMessageId. */
  var shown = new Map();
  var pending = new Map();
  /** The call button's controller (call.js), once the chat is ready. */
  var call = null;

  document.addEventListener('DOMContentLoaded', init);

  function init() {
    ['chat', 'status', 'status-text', 'start-view', 'start-form', 'name', 'start-error', 'conversation-view', 'thread-scroll', 'notice', 'thread', 'queue', 'rating', 'rating-stars', 'rating-comment', 'rating-thanks', 'banner', 'composer', 'input', 'call-button', 'call-bar', 'call-status', 'call-mute', 'call-hang-up', 'call-audio'].forEach(function (id) {
      el[id] = document.getElementById(id);
    });
    document.documentElement.lang = primary;
    document.documentElement.dir = RTL.indexOf(primary) >= 0 ? 'rtl' : 'ltr';
    if (params.get('embedded') === '1') document.body.classList.add('embedded');
    translate();
    el['start-form'].addEventListener('submit', onStart);
    el.composer.addEventListener('submit', onSend);
    el.input.addEventListener('keydown', onComposerKey);
    el.input.addEventListener('input', autosize);
    el.rating.addEventListener('submit', onRate);
    buildStars();
    if (saved.visitorToken && saved.name) {
      showConversation(saved.name);
      connect();
    } else {
      el.name.value = saved.name || '';
      el.name.focus();
    }
  }

  function translate() {
    document.title = text.title;
    document.querySelectorAll('[data-text]').forEach(function (node) {
      node.textContent = text[node.getAttribute('data-text')];
    });
    document.querySelectorAll('[data-placeholder]').forEach(function (node) {
      node.setAttribute('placeholder', text[node.getAttribute('data-placeholder')]);
    });
    document.querySelectorAll('[data-label]').forEach(function (node) {
      node.setAttribute('aria-label', text[node.getAttribute('data-label')]);
    });
  }

  function onStart(event) {
    event.preventDefault();
    var name = el.name.value.trim();
    if (!name) {
      showStartError(text.nameLabel);
      el.name.focus();
      return;
    }
    saved.name = name;
    save();
    showConversation(name);
    stopped = false;
    connect();
  }

  function showConversation(name) {
    el['start-error'].hidden = true;
    el['start-view'].hidden = true;
    el['conversation-view'].hidden = false;
    el.notice.textContent = text.hello.replace('{name}', name);
    for (var i = 0; i < outbox.length; i++) renderPending(outbox[i]);
    el.input.focus();
  }

  function showStartError(message) {
    el['conversation-view'].hidden = true;
    el['start-view'].hidden = false;
    el['start-error'].textContent = message;
    el['start-error'].hidden = false;
  }

  // ---- connection ----

  function connect() {
    clearTimeout(retryTimer);
    setStatus('connecting');
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/webchat';
    var ws = new WebSocket(url);
    socket = ws;
    ready = false;
    ws.addEventListener('open', function () {
      var hello = { type: 'hello', name: saved.name, language: language };
      if (tenant) hello.tenant = tenant;
      if (saved.visitorToken) hello.visitorToken = saved.visitorToken;
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone) hello.timeZone = zone;
      ws.send(JSON.stringify(hello));
    });
    ws.addEventListener('message', function (event) {
      var frame;
      try {
        frame = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      receive(frame);
    });
    ws.addEventListener('close', function () {
      if (socket !== ws) return;
      socket = null;
      ready = false;
      if (call) call.connectionLost();
      if (stopped) return;
      setStatus('reconnecting');
      var delay = Math.min(RETRY_MAX_MS, 500 * Math.pow(2, attempt)) * (0.75 + Math.random() / 2);
      attempt += 1;
      retryTimer = setTimeout(connect, delay);
    });
  }

  function receive(frame) {
    if (frame.type === 'ready') {
      ready = true;
      attempt = 0;
      saved.visitorToken = frame.visitorToken;
      save();
      setStatus('online');
      showThread(frame.messages || []);
      flushOutbox();
      offerCalls();
    } else if (typeof frame.type === 'string' && frame.type.indexOf('call.') === 0) {
      if (call) call.receive(frame);
    } else if (frame.type === 'message') {
      showMessage(frame.message);
      scrollToEnd();
    } else if (frame.type === 'queue') {
      showQueue(frame.position, frame.estimatedWaitMs);
    } else if (frame.type === 'rating-request') {
      askRating();
    } else if (frame.type === 'error') {
      onRelayError(String(frame.message || ''));
    }
  }

  // ---- calls ----

  /** Browsers with WebRTC get a Call button; the call's frames go over this chat's socket. */
  function offerCalls() {
    if (call || !window.GswCall || typeof RTCPeerConnection === 'undefined') return;
    call = window.GswCall.create({
      language: primary,
      newId: newId,
      send: function (frame) {
        if (socket && ready) socket.send(JSON.stringify(frame));
      },
      button: el['call-button'],
      bar: el['call-bar'],
      status: el['call-status'],
      mute: el['call-mute'],
      hangUp: el['call-hang-up'],
      audio: el['call-audio'],
    });
  }

  // ---- place in line and rating ----

  function showQueue(position, waitMs) {
    if (typeof position !== 'number') {
      el.queue.hidden = true;
      return;
    }
    var line = typeof waitMs === 'number' ? text.queue.replace('{m}', String(Math.max(1, Math.ceil(waitMs / 60000)))) : text.queueUnknown;
    el.queue.textContent = line.replace('{n}', String(position));
    el.queue.hidden = false;
  }

  var score = 0;

  function buildStars() {
    for (var n = 1; n <= 5; n++) {
      var star = document.createElement('button');
      star.type = 'button';
      star.className = 'star';
      star.textContent = '★';
      star.setAttribute('role', 'radio');
      star.setAttribute('aria-checked', 'false');
      star.setAttribute('aria-label', text.star.replace('{n}', String(n)));
      star.setAttribute('data-testid', 'chat-rate-' + n);
      star.addEventListener('click', pickScore.bind(null, n));
      el['rating-stars'].appendChild(star);
    }
  }

  function pickScore(n) {
    score = n;
    var stars = el['rating-stars'].children;
    for (var i = 0; i < stars.length; i++) {
      stars[i].setAttribute('aria-checked', i < n ? 'true' : 'false');
      stars[i].classList.toggle('on', i < n);
    }
  }

  function askRating() {
    if (saved.rated === saved.visitorToken) return;
    el.rating.hidden = false;
    scrollToEnd();
  }

  function onRate(event) {
    event.preventDefault();
    if (!score || !socket || !ready) return;
    var frame = { type: 'rate', score: score };
    var comment = el['rating-comment'].value.trim();
    if (comment) frame.comment = comment;
    socket.send(JSON.stringify(frame));
    saved.rated = saved.visitorToken;
    save();
    el.rating.hidden = true;
    el['rating-thanks'].hidden = false;
  }

  function onRelayError(message) {
    if (ready) {
      showBanner(message);
      return;
    }
    // Refused before the chat started (unknown company, a name it cannot take): ask again.
    stopped = true;
    if (socket) socket.close();
    saved.visitorToken = undefined;
    save();
    showStartError(message);
  }

  function setStatus(state) {
    el.status.setAttribute('data-state', state);
    el['status-text'].textContent = text[state] || text.subtitle;
    if (state === 'online') hideBanner();
  }

  // ---- sending ----

  function onComposerKey(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      onSend(event);
    }
  }

  function onSend(event) {
    event.preventDefault();
    var body = el.input.value;
    if (!body.trim()) return;
    var item = { clientMessageId: newId(), body: body, createdAt: Date.now() };
    outbox.push(item);
    save();
    renderPending(item);
    scrollToEnd();
    el.input.value = '';
    autosize();
    el.input.focus();
    if (ready) transmit(item);
  }

  function flushOutbox() {
    for (var i = 0; i < outbox.length; i++) transmit(outbox[i]);
  }

  function transmit(item) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: 'send', clientMessageId: item.clientMessageId, body: item.body }));
    }
  }

  // ---- rendering ----

  function showThread(messages) {
    shown.forEach(function (node) {
      node.remove();
    });
    shown.clear();
    for (var i = 0; i < messages.length; i++) showMessage(messages[i]);
    // Unconfirmed messages stay last, after everything the relay has.
    pending.forEach(function (node) {
      el.thread.appendChild(node);
    });
    scrollToEnd();
  }

  function showMessage(message) {
    if (shown.has(message.id)) return;
    var node = messageNode(message.author, message.authorName, message.body, message.createdAt);
    var waiting = message.clientMessageId ? pending.get(message.clientMessageId) : null;
    if (waiting) {
      el.thread.replaceChild(node, waiting);
      pending.delete(message.clientMessageId);
      outbox = outbox.filter(function (item) {
        return item.clientMessageId !== message.clientMessageId;
      });
      save();
    } else {
      var firstPending = pending.values().next().value;
      el.thread.insertBefore(node, firstPending || null);
    }
    shown.set(message.id, node);
  }

  function renderPending(item) {
    if (pending.has(item.clientMessageId)) return;
    var node = messageNode('customer', text.you, item.body, item.createdAt);
    node.setAttribute('data-state', 'pending');
    node.querySelector('time').textContent = text.sending;
    el.thread.appendChild(node);
    pending.set(item.clientMessageId, node);
  }

  function messageNode(author, authorName, body, createdAt) {
    var item = document.createElement('li');
    item.className = 'message from-' + author;
    item.setAttribute('data-testid', 'chat-message');
    item.setAttribute('data-author', author);
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    if (author === 'agent') {
      var who = document.createElement('span');
      who.className = 'author';
      who.textContent = authorName;
      bubble.appendChild(who);
    }
    var content = document.createElement('p');
    content.className = 'body';
    content.dir = 'auto';
    content.textContent = body;
    bubble.appendChild(content);
    var time = document.createElement('time');
    time.dateTime = new Date(createdAt).toISOString();
    time.textContent = formatTime(createdAt);
    bubble.appendChild(time);
    item.appendChild(bubble);
    return item;
  }

  function showBanner(message) {
    el.banner.textContent = message;
    el.banner.hidden = false;
  }

  function hideBanner() {
    el.banner.hidden = true;
  }

  function scrollToEnd() {
    el['thread-scroll'].scrollTop = el['thread-scroll'].scrollHeight;
  }

  function autosize() {
    el.input.style.height = 'auto';
    el.input.style.height = Math.min(el.input.scrollHeight, 140) + 'px';
  }

  // ---- small pieces ----

  function formatTime(at) {
    try {
      return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(at));
    } catch (error) {
      return new Date(at).toLocaleTimeString();
    }
  }

  function browserLanguage() {
    var tag = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
    return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : 'en';
  }

  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
  }

  // localStorage can be refused (private mode, blocked third-party storage in an iframe):
  // the chat still works, it just forgets on reload.
  function load() {
    try {
      return JSON.parse(localStorage.getItem(storageKey) || '{}') || {};
    } catch (error) {
      return {};
    }
  }

  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ visitorToken: saved.visitorToken, name: saved.name, outbox: outbox }));
    } catch (error) {
      // see load()
    }
  }
})();
