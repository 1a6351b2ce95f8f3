/** What the call bar says, in the chat page's languages (English when the browser's is not here). */
export interface CallText {
  call: string;
  ringing: string;
  waiting: string;
  /** `{name}` is the agent's. */
  connected: string;
  transferring: string;
  held: string;
  hangUp: string;
  mute: string;
  unmute: string;
  ended: string;
  noAgent: string;
  missed: string;
  failed: string;
  micDenied: string;
}

/** A key of CallText that can close a call: what the bar says once it has ended. */
export type CallEndText = 'ended' | 'noAgent' | 'missed' | 'failed' | 'micDenied';

const CALL_STRINGS = {
  en: { call: 'Call us', ringing: 'Calling…', waiting: 'All our agents are busy. Please stay on the line; we will put you through.', connected: 'On the call with {name}', transferring: 'Transferring you…', held: 'On hold, please stay on the line', hangUp: 'Hang up', mute: 'Mute', unmute: 'Unmute', ended: 'Call ended.', noAgent: 'No one can take a call right now. Please keep writing here.', missed: 'No one answered. Please try again, or keep writing here.', failed: 'The call could not be connected.', micDenied: 'Please allow the microphone to call us.' },
  zh: { call: '给我们打电话', ringing: '正在呼叫…', waiting: '所有客服都在忙。请不要挂断，我们会尽快为您接通。', connected: '正在与 {name} 通话', transferring: '正在为您转接…', held: '通话保持中，请稍候', hangUp: '挂断', mute: '静音', unmute: '取消静音', ended: '通话已结束。', noAgent: '目前没有客服可以接听电话，请继续在这里留言。', missed: '无人接听。请稍后再试，或继续在这里留言。', failed: '无法接通电话。', micDenied: '请允许使用麦克风。' },
  ja: { call: '電話する', ringing: '呼び出し中…', waiting: 'ただいま担当者が全員対応中です。このままお待ちください。おつなぎします。', connected: '{name} と通話中', transferring: '担当者におつなぎしています…', held: '保留中です。そのままお待ちください', hangUp: '切る', mute: 'ミュート', unmute: 'ミュート解除', ended: '通話が終了しました。', noAgent: 'ただいま電話に出られる担当者がいません。こちらにご記入ください。', missed: '応答がありませんでした。もう一度おかけいただくか、こちらにご記入ください。', failed: '通話をつなげませんでした。', micDenied: 'マイクの使用を許可してください。' },
  th: { call: 'โทรหาเรา', ringing: 'กำลังโทร…', waiting: 'เจ้าหน้าที่ทุกคนกำลังให้บริการอยู่ กรุณาถือสายรอสักครู่ เราจะโอนสายให้ค่ะ', connected: 'กำลังคุยกับ {name}', transferring: 'กำลังโอนสายของคุณ…', held: 'พักสายอยู่ กรุณารอสักครู่', hangUp: 'วางสาย', mute: 'ปิดเสียง', unmute: 'เปิดเสียง', ended: 'วางสายแล้ว', noAgent: 'ขณะนี้ไม่มีเจ้าหน้าที่รับสายได้ กรุณาพิมพ์ข้อความที่นี่', missed: 'ไม่มีผู้รับสาย กรุณาลองใหม่อีกครั้ง หรือพิมพ์ข้อความที่นี่', failed: 'ไม่สามารถเชื่อมต่อสายได้', micDenied: 'กรุณาอนุญาตให้ใช้ไมโครโฟน' },
  id: { call: 'Telepon kami', ringing: 'Memanggil…', waiting: 'Semua petugas sedang sibuk. Mohon tetap tersambung; kami akan menghubungkan Anda.', connected: 'Sedang bicara dengan {name}', transferring: 'Sedang mengalihkan panggilan Anda…', held: 'Panggilan ditahan, mohon tunggu', hangUp: 'Tutup', mute: 'Bisukan', unmute: 'Bunyikan', ended: 'Panggilan berakhir.', noAgent: 'Saat ini tidak ada petugas yang dapat menerima panggilan. Silakan terus menulis di sini.', missed: 'Tidak ada yang menjawab. Silakan coba lagi atau terus menulis di sini.', failed: 'Panggilan tidak dapat tersambung.', micDenied: 'Izinkan mikrofon untuk menelepon kami.' },
  de: { call: 'Anrufen', ringing: 'Es klingelt…', waiting: 'Alle unsere Mitarbeitenden sind im Gespräch. Bitte bleiben Sie dran, wir verbinden Sie.', connected: 'Im Gespräch mit {name}', transferring: 'Sie werden weiterverbunden…', held: 'Sie werden gehalten, bitte bleiben Sie dran', hangUp: 'Auflegen', mute: 'Stumm', unmute: 'Ton an', ended: 'Anruf beendet.', noAgent: 'Gerade kann niemand einen Anruf annehmen. Bitte schreiben Sie uns hier weiter.', missed: 'Niemand hat abgenommen. Bitte versuchen Sie es noch einmal oder schreiben Sie hier.', failed: 'Der Anruf konnte nicht verbunden werden.', micDenied: 'Bitte erlauben Sie das Mikrofon, um uns anzurufen.' },
  es: { call: 'Llamarnos', ringing: 'Llamando…', waiting: 'Todos nuestros agentes están ocupados. No cuelgue; le pasaremos enseguida.', connected: 'En llamada con {name}', transferring: 'Transfiriendo su llamada…', held: 'En espera, no cuelgue', hangUp: 'Colgar', mute: 'Silenciar', unmute: 'Activar sonido', ended: 'Llamada finalizada.', noAgent: 'Ahora nadie puede atender una llamada. Siga escribiendo aquí.', missed: 'Nadie respondió. Inténtelo de nuevo o siga escribiendo aquí.', failed: 'No se pudo conectar la llamada.', micDenied: 'Permita el micrófono para llamarnos.' },
  pt: { call: 'Ligar para nós', ringing: 'Chamando…', waiting: 'Todos os nossos atendentes estão ocupados. Não desligue; vamos transferir você.', connected: 'Em chamada com {name}', transferring: 'Transferindo sua chamada…', held: 'Em espera, não desligue', hangUp: 'Desligar', mute: 'Silenciar', unmute: 'Ativar som', ended: 'Chamada encerrada.', noAgent: 'Ninguém pode atender uma chamada agora. Continue escrevendo aqui.', missed: 'Ninguém atendeu. Tente novamente ou continue escrevendo aqui.', failed: 'Não foi possível conectar a chamada.', micDenied: 'Permita o microfone para nos ligar.' },
  ar: { call: 'اتصل بنا', ringing: 'جارٍ الاتصال…', waiting: 'جميع موظفينا مشغولون الآن. يرجى البقاء على الخط، وسنوصلك بأحدهم.', connected: 'في مكالمة مع {name}', transferring: 'جارٍ تحويل مكالمتك…', held: 'المكالمة في الانتظار، يرجى البقاء على الخط', hangUp: 'إنهاء', mute: 'كتم', unmute: 'إلغاء الكتم', ended: 'انتهت المكالمة.', noAgent: 'لا يوجد من يرد على المكالمات الآن. يرجى متابعة الكتابة هنا.', missed: 'لم يرد أحد. حاول مرة أخرى أو تابع الكتابة هنا.', failed: 'تعذر إجراء المكالمة.', micDenied: 'يرجى السماح باستخدام الميكروفون للاتصال بنا.' },
  fr: { call: 'Nous appeler', ringing: 'Appel en cours…', waiting: 'Tous nos conseillers sont occupés. Restez en ligne, nous allons vous mettre en relation.', connected: 'En ligne avec {name}', transferring: 'Transfert de votre appel…', held: 'En attente, restez en ligne', hangUp: 'Raccrocher', mute: 'Couper le micro', unmute: 'Rétablir le micro', ended: 'Appel terminé.', noAgent: 'Personne ne peut prendre d’appel pour le moment. Continuez à écrire ici.', missed: 'Personne n’a répondu. Réessayez ou continuez à écrire ici.', failed: 'L’appel n’a pas pu être établi.', micDenied: 'Autorisez le micro pour nous appeler.' },
} satisfies Record<string, CallText>;

/** `language` is a primary subtag, such as "th". */
export function callText(language: string): CallText {
  return Object.hasOwn(CALL_STRINGS, language) ? CALL_STRINGS[language as keyof typeof CALL_STRINGS] : CALL_STRINGS.en;
}
