export interface Rating {
  conversationId: string;
  score: number;
  comment: string | null;
  ratedAt: number;
  teamId: string;
  assigneeId: string | null;
  channel: string;
  market: string | null;
}

/** What customers said of resolved conversations (CSAT), one rating each. */
export interface RatingsRepository {
  /** False when the conversation was rated before: a rating is given once. */
  insert(tenantId: string, rating: Rating): Promise<boolean>;
  isRated(conversationId: string): Promise<boolean>;
  /** Ratings given in [from, to), oldest first. */
  list(tenantId: string, from: number, to: number): Promise<Rating[]>;
  /** The comment is the customer's words: it goes with their data. */
  erase(tenantId: string, conversationId: string): Promise<void>;
  /** An anonymised conversation's rating counts on, without the customer's words. */
  forgetComment(tenantId: string, conversationId: string): Promise<void>;
}
