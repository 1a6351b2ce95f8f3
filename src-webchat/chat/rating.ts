import type { z } from 'zod';
import type { WebchatRate } from '../../src-shared/protocol/webchat.js';
import type { ChatText } from './strings.js';

export interface RatingElements {
  rating: HTMLFormElement;
  ratingStars: HTMLElement;
  ratingComment: HTMLTextAreaElement;
  ratingThanks: HTMLElement;
}

export interface RatingParts {
  /** False when the relay is not ready: nothing was sent. */
  send(frame: z.input<typeof WebchatRate>): boolean;
  /** The conversation being rated: one rating each. */
  visitorToken(): string | undefined;
  scrollToEnd(): void;
}

/** The five stars and the comment the customer may give a resolved conversation. */
export class RatingForm {
  private score = 0;
  /** In memory only: the relay stops asking once it has the rating. */
  private ratedToken: string | undefined;
  private readonly stars: HTMLButtonElement[] = [];

  constructor(
    private readonly el: RatingElements,
    text: ChatText,
    private readonly parts: RatingParts,
  ) {
    for (let n = 1; n <= 5; n++) {
      const star = document.createElement('button');
      star.type = 'button';
      star.className = 'star';
      star.textContent = '★';
      star.setAttribute('role', 'radio');
      star.setAttribute('aria-checked', 'false');
      star.setAttribute('aria-label', text.star.replace('{n}', String(n)));
      star.setAttribute('data-testid', `chat-rate-${n}`);
      star.addEventListener('click', () => this.pick(n));
      el.ratingStars.appendChild(star);
      this.stars.push(star);
    }
    el.rating.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
  }

  /** The relay asks once the conversation is resolved, and on each hello until it has a rating. */
  ask(): void {
    if (this.ratedToken === this.parts.visitorToken()) return;
    this.el.rating.hidden = false;
    this.parts.scrollToEnd();
  }

  private pick(score: number): void {
    this.score = score;
    this.stars.forEach((star, index) => {
      star.setAttribute('aria-checked', index < score ? 'true' : 'false');
      star.classList.toggle('on', index < score);
    });
  }

  private submit(): void {
    if (!this.score) return;
    const comment = this.el.ratingComment.value.trim();
    const frame: z.input<typeof WebchatRate> = { type: 'rate', score: this.score };
    if (comment) frame.comment = comment;
    if (!this.parts.send(frame)) return;
    this.ratedToken = this.parts.visitorToken();
    this.el.rating.hidden = true;
    this.el.ratingThanks.hidden = false;
  }
}
