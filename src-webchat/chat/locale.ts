import type { ChatText } from './strings.js';

const RIGHT_TO_LEFT = ['ar', 'he', 'fa', 'ur'];

/** The browser's first language, as a tag the relay accepts ("en" when it is not one). */
export function browserLanguage(): string {
  const tag = navigator.languages?.[0] || navigator.language || 'en';
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : 'en';
}

/** Sets the page's language and direction, and every text marked in chat.html. */
export function translatePage(primary: string, text: ChatText): void {
  document.documentElement.lang = primary;
  document.documentElement.dir = RIGHT_TO_LEFT.includes(primary) ? 'rtl' : 'ltr';
  document.title = text.title;
  const textOf = (node: Element, attribute: string): string => text[node.getAttribute(attribute) as keyof ChatText];
  document.querySelectorAll('[data-text]').forEach((node) => {
    node.textContent = textOf(node, 'data-text');
  });
  document.querySelectorAll('[data-placeholder]').forEach((node) => {
    node.setAttribute('placeholder', textOf(node, 'data-placeholder'));
  });
  document.querySelectorAll('[data-label]').forEach((node) => {
    node.setAttribute('aria-label', textOf(node, 'data-label'));
  });
}

export function formatTime(at: number, language: string): string {
  try {
    return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(at));
  } catch {
    return new Date(at).toLocaleTimeString();
  }
}
