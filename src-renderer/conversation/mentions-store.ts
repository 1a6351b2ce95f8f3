import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Colleague, TeamName } from '../../src-shared/domain/model.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';
import { matchColleagues, mentionQuery } from './mentions.js';

export interface MentionsState {
  /** The tenant's directory, oneself left out. */
  colleagues: Colleague[];
  /** The tenant's teams, for handing a call to a team. */
  teams: TeamName[];
  /** Where the "@" being typed starts, or null when the list is closed. */
  start: number | null;
  query: string;
  choices: Colleague[];
  active: number;
  load(): Promise<void>;
  /** The note draft or its caret moved: open, narrow or close the list. */
  draftChanged(draft: string, caret: number): void;
  move(step: 1 | -1): void;
  /** The highlighted colleague, and the list closes. */
  take(): Colleague | null;
  close(): void;
  reset(): void;
}

export type MentionsStore = StoreApi<MentionsState>;

export const mentionsContext = createStoreContext<MentionsState>('mentions');
export const { useStoreApi: useMentionsStore, useSlice: useMentions } = mentionsContext;

const CLOSED = { start: null, query: '', choices: [], active: 0 };

/** The colleague picker of the note composer: "@" and a few letters, then arrows and Enter. */
export function createMentionsStore(client: ApiClient): MentionsStore {
  return createStore<MentionsState>()((set, get) => ({
    colleagues: [],
    teams: [],
    ...CLOSED,

    async load() {
      const result = await client.call('colleagues.list', {});
      if (result.ok) set({ colleagues: result.value.colleagues, teams: result.value.teams });
    },

    draftChanged(draft, caret) {
      const typed = mentionQuery(draft, caret);
      const choices = typed ? matchColleagues(get().colleagues, typed.query) : [];
      if (!typed || choices.length === 0) return set(CLOSED);
      set({ start: typed.start, query: typed.query, choices, active: 0 });
    },

    move(step) {
      const { choices, active } = get();
      if (choices.length > 0) set({ active: (active + step + choices.length) % choices.length });
    },

    take() {
      const choice = get().choices[get().active] ?? null;
      set(CLOSED);
      return choice;
    },

    close() {
      set(CLOSED);
    },

    reset() {
      set({ colleagues: [], ...CLOSED });
    },
  }));
}
