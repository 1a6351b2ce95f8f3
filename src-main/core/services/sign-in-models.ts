import type { Agent } from '../../../src-shared/domain/model.js';
import { DeskModelNeeds, MODEL_SET_PATH } from '../../../src-shared/protocol/model-set.js';
import type { ModelAutoFetch, SignInNeeds } from '../../ai/models/model-auto-fetch.js';
import { baseLanguage } from '../../ai/translation-routes.js';
import { requestAdminRead } from '../relay-http.js';
import type { CoreParts } from './core-parts.js';

type SignInParts = Pick<CoreParts, 'cache' | 'relayUrl' | 'log'>;

/** Asking the relay again after a failed try: the desk may have signed in offline. */
const RELAY_RETRY_MS = { first: 5_000, max: 5 * 60_000 };
/** New conversations are looked at for new languages at most this often (it reads every cached conversation). */
const TRAFFIC_CHECK_MS = 30_000;

/**
 * On sign-in (or a resumed one), works out what this agent needs and sets the model auto-fetch
 * going: the company's pinned set if there is one, else the agent's languages against those of
 * the teams' customers (the relay's directory) and of the recent conversations in the cache.
 */
export class SignInModels {
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  /** What the last plan was made from, for a new plan when the budget or the traffic changes. */
  private last: { agent: Agent; company: DeskModelNeeds; needs: SignInNeeds } | null = null;
  private trafficCheck: NodeJS.Timeout | null = null;

  constructor(
    private readonly parts: SignInParts,
    private readonly autoFetch: ModelAutoFetch,
  ) {}

  signedIn(agent: Agent): void {
    this.cancelRetry();
    void this.plan(agent, ++this.attempt, RELAY_RETRY_MS.first);
  }

  /**
   * Conversations arrived (sync catching up after sign-in, a customer in a language not seen
   * before): plan again if they bring a language the last plan did not know.
   */
  trafficChanged(): void {
    if (!this.last || this.last.company.pinned || this.trafficCheck) return;
    this.trafficCheck = setTimeout(() => {
      this.trafficCheck = null;
      if (!this.last) return;
      const known = new Set(this.last.needs.customerLanguages.map(({ language }) => baseLanguage(language)));
      if (this.parts.cache.conversations.all().every((conversation) => known.has(baseLanguage(conversation.language)))) return;
      this.start(this.last.agent, this.last.company);
    }, TRAFFIC_CHECK_MS);
  }

  /** The agent changed the disk budget: what was left out may fit now. */
  replan(): void {
    if (this.last) this.start(this.last.agent, this.last.company);
  }

  signedOut(): void {
    this.last = null;
    if (this.trafficCheck) clearTimeout(this.trafficCheck);
    this.trafficCheck = null;
    this.attempt++;
    this.cancelRetry();
    this.autoFetch.stop();
  }

  close(): void {
    this.signedOut();
  }

  private async plan(agent: Agent, attempt: number, retryMs: number): Promise<void> {
    const token = this.parts.cache.session.signIn()?.token;
    if (!token) return;
    let company: DeskModelNeeds;
    try {
      company = await requestAdminRead(this.parts.relayUrl, token, MODEL_SET_PATH, DeskModelNeeds, 'The company’s model set');
    } catch (error) {
      // Without the relay the desk cannot know whether the company pinned its models: wait for it.
      if (attempt !== this.attempt) return;
      this.parts.log(`Could not read the company’s model set; asking again in ${Math.round(retryMs / 1000)} s.`, error);
      this.timer = setTimeout(() => void this.plan(agent, attempt, Math.min(retryMs * 2, RELAY_RETRY_MS.max)), retryMs);
      return;
    }
    if (attempt !== this.attempt) return;
    this.start(agent, company);
  }

  private start(agent: Agent, company: DeskModelNeeds): void {
    const needs = this.needsOf(agent, company);
    this.last = { agent, company, needs };
    void this.autoFetch.start(needs);
  }

  private needsOf(agent: Agent, company: DeskModelNeeds): SignInNeeds {
    const customerLanguages = company.teamLanguages.map((language) => ({ language, weight: 1 }));
    // Recent traffic weighs by its share: a language many customers write is read first.
    for (const conversation of this.parts.cache.conversations.all()) customerLanguages.push({ language: conversation.language, weight: 1 });
    return { agentLanguage: agent.language, agentLanguages: company.agentLanguages, customerLanguages, pinned: company.pinned };
  }

  private cancelRetry(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
