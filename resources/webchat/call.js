// Web calls from the customer's chat page: the customer presses Call, the relay rings the agent,
// and once they answer this page makes the WebRTC offer (afresh to the next agent after a
// transfer). Signalling travels over the chat's socket; audio goes straight between the two
// browsers. Plain script, like chat.js.
(function () {
  'use strict';

  var STRINGS = {
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
  };
  var END_TEXT = { 'no-agent': 'noAgent', missed: 'missed', declined: 'missed', failed: 'failed', hangup: 'ended', 'answered-elsewhere': 'ended' };

  /**
   * options: { language, send(frame), newId(), button, bar, status, hangUp, mute, audio }.
   * Returns { receive(frame), connectionLost() } for chat.js to feed.
   */
  function create(options) {
    var text = STRINGS[options.language] || STRINGS.en;
    var call = null;

    options.button.textContent = text.call;
    options.button.hidden = false;
    options.hangUp.textContent = text.hangUp;
    options.mute.textContent = text.mute;
    options.button.addEventListener('click', start);
    options.hangUp.addEventListener('click', function () {
      if (call) options.send({ type: 'call.hangup', callId: call.id });
      finish('ended');
    });
    options.mute.addEventListener('click', toggleMute);

    function start() {
      if (call || !navigator.mediaDevices) return;
      call = { id: options.newId(), pc: null, stream: null, muted: false, candidates: [] };
      show(text.ringing, 'ringing');
      options.button.disabled = true;
      // Ask for the microphone now, while the customer's click still counts as a gesture.
      navigator.mediaDevices.getUserMedia({ audio: true, video: false }).then(function (stream) {
        if (!call) return stopTracks(stream);
        call.stream = stream;
        options.send({ type: 'call.start', callId: call.id });
      }, function () {
        finish('micDenied');
      });
    }

    function receive(frame) {
      if (!call || frame.callId !== call.id) return;
      if (frame.type === 'call.answered') connect(frame.agentName, frame.iceServers || []);
      else if (frame.type === 'call.signal') signal(frame.signal);
      else if (frame.type === 'call.held') show(frame.held ? text.held : connectedText(), frame.held ? 'held' : 'connected');
      else if (frame.type === 'call.transferring') transferring();
      else if (frame.type === 'call.waiting') show(text.waiting, 'waiting');
      else if (frame.type === 'call.ringing') show(text.ringing, 'ringing');
      else if (frame.type === 'call.ended') finish(END_TEXT[frame.reason] || 'ended');
    }

    /** An agent answered (again, after a transfer): this page offers afresh, with the microphone it already has. */
    function connect(agentName, iceServers) {
      closeConnection();
      call.agentName = agentName;
      var pc = new RTCPeerConnection({ iceServers: iceServers });
      call.pc = pc;
      call.stream.getTracks().forEach(function (track) {
        pc.addTrack(track, call.stream);
      });
      pc.addEventListener('icecandidate', function (event) {
        if (event.candidate && call) options.send({ type: 'call.signal', callId: call.id, signal: { candidate: event.candidate.toJSON() } });
      });
      pc.addEventListener('track', function (event) {
        options.audio.srcObject = event.streams[0] || new MediaStream([event.track]);
      });
      pc.addEventListener('connectionstatechange', function () {
        if (pc.connectionState === 'failed' && call && call.pc === pc) {
          options.send({ type: 'call.hangup', callId: call.id });
          finish('failed');
        }
      });
      show(connectedText(), 'connected');
      pc.createOffer().then(function (offer) {
        return pc.setLocalDescription(offer);
      }).then(function () {
        options.send({ type: 'call.signal', callId: call.id, signal: { description: { type: 'offer', sdp: pc.localDescription.sdp } } });
      }).catch(function () {
        failUnlessReplaced(pc);
      });
    }

    /** Answers, and the agent's re-offers when they hold or resume the call. */
    function signal(data) {
      var pc = call.pc;
      if (!pc) return;
      if (data.candidate) {
        if (pc.remoteDescription) pc.addIceCandidate(data.candidate).catch(function () {});
        else call.candidates.push(data.candidate);
        return;
      }
      var description = data.description;
      pc.setRemoteDescription(description).then(function () {
        call.candidates.splice(0).forEach(function (candidate) {
          pc.addIceCandidate(candidate).catch(function () {});
        });
        if (description.type !== 'offer') return null;
        return pc.createAnswer().then(function (answer) {
          return pc.setLocalDescription(answer);
        }).then(function () {
          options.send({ type: 'call.signal', callId: call.id, signal: { description: { type: 'answer', sdp: pc.localDescription.sdp } } });
        });
      }).catch(function () {
        failUnlessReplaced(pc);
      });
    }

    /** The agent passed the call on: silence, shown like ringing, until the next agent answers. */
    function transferring() {
      closeConnection();
      show(text.transferring, 'ringing');
    }

    /** A connection closed by a transfer fails its pending steps; only the current one's failure ends the call. */
    function failUnlessReplaced(pc) {
      if (call && call.pc === pc) finish('failed');
    }

    function closeConnection() {
      if (call.pc) call.pc.close();
      call.pc = null;
      call.candidates = [];
      options.audio.srcObject = null;
    }

    function toggleMute() {
      if (!call || !call.stream) return;
      call.muted = !call.muted;
      call.stream.getAudioTracks().forEach(function (track) {
        track.enabled = !call.muted;
      });
      options.mute.textContent = call.muted ? text.unmute : text.mute;
      options.mute.setAttribute('aria-pressed', String(call.muted));
    }

    function connectedText() {
      return text.connected.replace('{name}', call ? call.agentName || '' : '');
    }

    function show(status, state) {
      options.bar.hidden = false;
      options.bar.dataset.state = state;
      options.status.textContent = status;
      options.hangUp.hidden = false;
      options.mute.hidden = state === 'ringing';
    }

    function finish(key) {
      if (call) {
        closeConnection();
        if (call.stream) stopTracks(call.stream);
      }
      call = null;
      options.button.disabled = false;
      options.mute.hidden = true;
      options.hangUp.hidden = true;
      options.mute.textContent = text.mute;
      options.status.textContent = text[key] || text.ended;
      options.bar.dataset.state = 'ended';
    }

    function stopTracks(stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }

    return {
      receive: receive,
      connectionLost: function () {
        if (call) finish('failed');
      },
    };
  }

  window.GswCall = { create: create };
})();
