import type { CallBarElements } from '../call/call-bar.js';

/** The parts of chat.html the script fills in, by id. */
export interface ChatElements {
  status: HTMLElement;
  statusText: HTMLElement;
  /** Whether we reply in the customer's language: shown once the relay has said, for this conversation. */
  languagePromise: HTMLElement;
  startView: HTMLElement;
  startForm: HTMLFormElement;
  name: HTMLInputElement;
  startError: HTMLElement;
  conversationView: HTMLElement;
  threadScroll: HTMLElement;
  notice: HTMLElement;
  thread: HTMLOListElement;
  queue: HTMLElement;
  rating: HTMLFormElement;
  ratingStars: HTMLElement;
  ratingComment: HTMLTextAreaElement;
  ratingThanks: HTMLElement;
  banner: HTMLElement;
  composer: HTMLFormElement;
  input: HTMLTextAreaElement;
  attach: HTMLButtonElement;
  fileInput: HTMLInputElement;
  call: CallBarElements;
}

export function findChatElements(): ChatElements {
  return {
    status: byId('status', HTMLElement),
    statusText: byId('status-text', HTMLElement),
    languagePromise: byId('language-promise', HTMLElement),
    startView: byId('start-view', HTMLElement),
    startForm: byId('start-form', HTMLFormElement),
    name: byId('name', HTMLInputElement),
    startError: byId('start-error', HTMLElement),
    conversationView: byId('conversation-view', HTMLElement),
    threadScroll: byId('thread-scroll', HTMLElement),
    notice: byId('notice', HTMLElement),
    thread: byId('thread', HTMLOListElement),
    queue: byId('queue', HTMLElement),
    rating: byId('rating', HTMLFormElement),
    ratingStars: byId('rating-stars', HTMLElement),
    ratingComment: byId('rating-comment', HTMLTextAreaElement),
    ratingThanks: byId('rating-thanks', HTMLElement),
    banner: byId('banner', HTMLElement),
    composer: byId('composer', HTMLFormElement),
    input: byId('input', HTMLTextAreaElement),
    attach: byId('attach', HTMLButtonElement),
    fileInput: byId('file-input', HTMLInputElement),
    call: {
      button: byId('call-button', HTMLButtonElement),
      bar: byId('call-bar', HTMLElement),
      status: byId('call-status', HTMLElement),
      mute: byId('call-mute', HTMLButtonElement),
      hangUp: byId('call-hang-up', HTMLButtonElement),
      audio: byId('call-audio', HTMLAudioElement),
    },
  };
}

function byId<T extends HTMLElement>(id: string, kind: new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof kind)) throw new Error(`chat.html has no ${kind.name} #${id}.`);
  return node;
}
