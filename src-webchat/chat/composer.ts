export interface ComposerElements {
  composer: HTMLFormElement;
  input: HTMLTextAreaElement;
  attach: HTMLButtonElement;
  fileInput: HTMLInputElement;
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

/**
 * The attach button opens the file picker; a chosen file goes with what is written as its
 * caption (the box is emptied), or alone.
 */
export function wireAttach(el: ComposerElements, attach: (file: File, caption: string) => void): void {
  el.attach.addEventListener('click', () => el.fileInput.click());
  el.fileInput.addEventListener('change', () => {
    const file = el.fileInput.files?.[0];
    el.fileInput.value = '';
    if (!file) return;
    const caption = el.input.value.trim();
    el.input.value = '';
    attach(file, caption);
  });
}
