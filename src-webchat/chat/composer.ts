export interface ComposerElements {
  composer: HTMLFormElement;
  input: HTMLTextAreaElement;
}

const MAX_INPUT_HEIGHT_PX = 140;

/** The message box: Enter sends, Shift+Enter breaks the line, and it grows with its text. */
export function wireComposer(el: ComposerElements, write: (body: string) => void): void {
  const autosize = (): void => {
    el.input.style.height = 'auto';
    el.input.style.height = `${Math.min(el.input.scrollHeight, MAX_INPUT_HEIGHT_PX)}px`;
  };
  const send = (event: Event): void => {
    event.preventDefault();
    const body = el.input.value;
    if (!body.trim()) return;
    write(body);
    el.input.value = '';
    autosize();
    el.input.focus();
  };
  el.composer.addEventListener('submit', send);
  el.input.addEventListener('keydown', (event) => {
    // isComposing: Enter that picks a word in an input method (Chinese, Japanese) does not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) send(event);
  });
  el.input.addEventListener('input', autosize);
}
