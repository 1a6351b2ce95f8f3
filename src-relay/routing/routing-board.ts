import {
  bestAgentFor,
  canTake,
  compareWaiting,
  fitOf,
  type RoutingAgent,
  type WaitingConversation,
} from '../../src-shared/domain/routing-score.js';
import { Heap } from 'heap-js';

/**
 * One tenant's waiting conversations and agents, in memory, for routing decisions that stay
 * well under a millisecond with thousands of each (`npm run bench -- routing`). Waiting
 * conversations are kept in heaps by kind, language and skill, each ordered by urgency; an agent
 * who frees up looks at the top of each heap only.
 */
export class RoutingBoard {
  private readonly agents = new Map<string, RoutingAgent>();
  /** Agents by the primary tags of the languages they write, and those whose desks have translation models. */
  private readonly speakers = new Map<string, Set<RoutingAgent>>();
  private readonly translators = new Set<RoutingAgent>();
  /** Waiting conversations by primary language, then by kind and skill. */
  private readonly buckets = new Map<string, Map<string, Heap<WaitingConversation>>>();
  /** The live entry of each waiting conversation; heap entries not in here are stale. */
  private readonly waiting = new Map<string, WaitingConversation>();
  /** Agents a conversation was offered to and who let it pass. */
  private readonly passedOver = new Map<string, Set<string>>();

  setAgent(agent: RoutingAgent): void {
    this.removeAgent(agent.id);
    this.agents.set(agent.id, agent);
    for (const language of new Set(agent.languages.map(primaryOf))) {
      const set = this.speakers.get(language) ?? new Set();
      set.add(agent);
      this.speakers.set(language, set);
    }
    if (agent.translation.length > 0) this.translators.add(agent);
  }

  removeAgent(agentId: string): void {
    const agent = this.agents.get(agentId);
    if (!agent) return;
    this.agents.delete(agentId);
    for (const language of agent.languages) this.speakers.get(primaryOf(language))?.delete(agent);
    this.translators.delete(agent);
  }

  /** Adds or replaces (a new priority, say) a waiting conversation. */
  enqueue(conversation: WaitingConversation): void {
    this.waiting.set(conversation.id, conversation);
    const language = primaryOf(conversation.language);
    let ofLanguage = this.buckets.get(language);
    if (!ofLanguage) this.buckets.set(language, (ofLanguage = new Map()));
    const key = bucketOf(conversation);
    let heap = ofLanguage.get(key);
    if (!heap) ofLanguage.set(key, (heap = new Heap(compareWaiting)));
    heap.push(conversation);
  }

  /** It was taken, or it left the queue. */
  dequeue(conversationId: string): void {
    this.waiting.delete(conversationId);
    this.passedOver.delete(conversationId);
  }

  waitingCount(): number {
    return this.waiting.size;
  }

  /** The agent let an offer lapse or declined it: it goes to someone else. */
  passOver(conversationId: string, agentId: string): void {
    const passed = this.passedOver.get(conversationId) ?? new Set<string>();
    passed.add(agentId);
    this.passedOver.set(conversationId, passed);
  }

  /**
   * Whom to offer a waiting conversation to now; null if no one can take it. Anyone who writes
   * the language fits better than anyone who would translate, so translators are only looked at
   * when no speaker can take it.
   */
  agentFor(conversationId: string): RoutingAgent | null {
    const conversation = this.waiting.get(conversationId);
    if (!conversation) return null;
    const passed = this.passedOver.get(conversationId);
    const speakers = this.speakers.get(primaryOf(conversation.language)) ?? [];
    return bestAgentFor(conversation, speakers, passed) ?? bestAgentFor(conversation, this.translators, passed);
  }

  /** What an agent with free capacity should be offered: the best fit, and of those the most urgent. */
  conversationFor(agentId: string): WaitingConversation | null {
    const agent = this.agents.get(agentId);
    if (!agent) return null;
    const spoken = new Set(agent.languages.map(primaryOf));
    let best = this.bestIn(agent, [...spoken]);
    if (!best && agent.translation.length > 0) best = this.bestIn(agent, [...this.buckets.keys()].filter((language) => !spoken.has(language)));
    return best;
  }

  private bestIn(agent: RoutingAgent, languages: readonly string[]): WaitingConversation | null {
    let best: WaitingConversation | null = null;
    let bestFit = 0;
    for (const language of languages) {
      const ofLanguage = this.buckets.get(language);
      if (!ofLanguage) continue;
      for (const [key, heap] of ofLanguage) {
        const top = this.liveTop(ofLanguage, key, heap, agent.id);
        if (!top || !canTake(agent, top.kind)) continue;
        const fit = fitOf(agent, top);
        if (fit === 0) continue;
        if (fit > bestFit || (fit === bestFit && best !== null && compareWaiting(top, best) < 0)) {
          best = top;
          bestFit = fit;
        }
      }
      if (ofLanguage.size === 0) this.buckets.delete(language);
    }
    return best;
  }

  /** The most urgent live entry this agent was not passed over for; drops stale entries on the way. */
  private liveTop(buckets: Map<string, Heap<WaitingConversation>>, key: string, heap: Heap<WaitingConversation>, agentId: string): WaitingConversation | null {
    let top = heap.peek();
    while (top && this.waiting.get(top.id) !== top) {
      heap.pop();
      top = heap.peek();
    }
    if (heap.length === 0) buckets.delete(key);
    if (!top || !this.passedOver.get(top.id)?.has(agentId)) return top ?? null;
    // Rare: this agent let the first one pass; look further down this queue.
    let next: WaitingConversation | null = null;
    for (const entry of heap.heapArray) {
      if (this.waiting.get(entry.id) !== entry || this.passedOver.get(entry.id)?.has(agentId)) continue;
      if (!next || compareWaiting(entry, next) < 0) next = entry;
    }
    return next;
  }
}

function bucketOf(conversation: WaitingConversation): string {
  return `${conversation.kind}|${conversation.skill ?? ''}`;
}

function primaryOf(language: string): string {
  return language.toLowerCase().split('-')[0] ?? '';
}
