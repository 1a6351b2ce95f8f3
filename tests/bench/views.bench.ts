// npm run bench -- views: the inbox views' counts and a saved filter's first page over 20,000 cached conversations. Last line: one JSON object.
//   VIEWS_CONVERSATIONS / VIEWS_FILTERS / VIEWS_ROUNDS   sizes (default 20,000, 5 and 30)
import { performance } from 'node:perf_hooks';
import { CHANNELS, type Conversation } from '../../src-shared/domain/model.js';
import type { ConversationCriteria } from '../../src-shared/api/contract.js';
import { countViews, selectionOf } from '../../src-main/core/services/view-service.js';
import { Cache } from '../../src-main/store/cache.js';
import { sampleAgent, sampleConversation } from '../../src-main/store/testing/records.js';

const CONVERSATIONS = Number(process.env.VIEWS_CONVERSATIONS ?? 20_000);
const FILTERS = Number(process.env.VIEWS_FILTERS ?? 5);
const ROUNDS = Number(process.env.VIEWS_ROUNDS ?? 30);
const NOW = Date.now();
const TEAMS = ['apac', 'sea', 'eu', 'us'];

let seed = 7;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function conversation(n: number): Conversation {
  const due = NOW + Math.floor((random() - 0.3) * 3_600_000);
  return sampleConversation({
    id: `c${n}`,
    customerId: `cu${n}`,
    teamId: pick(TEAMS),
    assigneeId: random() < 0.2 ? null : random() < 0.1 ? 'mei' : `a${n % 300}`,
    status: pick(['open', 'open', 'pending', 'resolved', 'resolved'] as const),
    channel: pick(CHANNELS),
    language: pick(['th-TH', 'ja-JP', 'de-DE', 'en-US', 'pt-BR']),
    market: pick(['TH', 'JP', 'DE', 'US', 'BR']),
    labels: pick([[], ['refund'], ['b2b', 'urgent'], ['vip']]),
    vip: random() < 0.1,
    sla: random() < 0.6 ? { policyId: 'p', firstResponseDueAt: due, nextResponseDueAt: null, resolutionDueAt: due + 3_600_000, firstRespondedAt: null, breached: [] } : null,
    lastMessageAt: NOW - n * 1_000,
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

const cache = Cache.open(':memory:');
const mei = sampleAgent({ id: 'mei', teamIds: ['apac', 'sea'] });
cache.session.saveSignIn({ token: 't', expiresAt: NOW + 3_600_000, agent: mei });
cache.transaction(() => {
  for (let n = 0; n < CONVERSATIONS; n += 1) cache.conversations.upsert(conversation(n));
  for (let n = 0; n < CONVERSATIONS / 50; n += 1) {
    cache.notices.add({ at: NOW, kind: 'mentioned', conversationId: `c${n * 37}`, customerName: 'x', otherAgentName: 'y', messageId: null, detail: 'z' });
  }
});
const criteria: ConversationCriteria[] = [
  { statuses: ['open'], labels: ['refund'], channels: [], languages: [], markets: [], slaStates: ['warning', 'breached'], vip: null },
  { statuses: ['open', 'pending'], labels: [], channels: ['line', 'whatsapp'], languages: ['th-TH'], markets: ['TH'], slaStates: [], vip: null },
  { statuses: [], labels: [], channels: [], languages: [], markets: [], slaStates: [], vip: true },
  { statuses: ['pending'], labels: ['b2b'], channels: ['email'], languages: [], markets: [], slaStates: ['ok', 'none'], vip: false },
  { statuses: ['open'], labels: [], channels: [], languages: ['ja-JP', 'de-DE'], markets: ['JP', 'DE'], slaStates: [], vip: null },
];
for (let n = 0; n < FILTERS; n += 1) cache.views.addFilter('mei', { id: `f${n}`, name: `Filter ${n}`, criteria: criteria[n % criteria.length]! }, NOW + n);

const countTimes: number[] = [];
const pageTimes: number[] = [];
const allPageTimes: number[] = [];
let counts = countViews(cache, mei, NOW);
for (let round = 0; round < ROUNDS; round += 1) {
  let started = performance.now();
  counts = countViews(cache, mei, NOW);
  countTimes.push(performance.now() - started);
  started = performance.now();
  cache.conversations.page({ status: 'all', selection: selectionOf(cache, mei, { kind: 'saved', filterId: `f${round % FILTERS}` }), now: NOW, after: null, limit: 50 });
  pageTimes.push(performance.now() - started);
  // The status tab's page as it was before views, for comparison.
  started = performance.now();
  cache.conversations.page({ status: 'open', after: null, limit: 50 });
  allPageTimes.push(performance.now() - started);
}
countTimes.sort((a, b) => a - b);
pageTimes.sort((a, b) => a - b);
allPageTimes.sort((a, b) => a - b);
cache.close();
const round = (ms: number) => Math.round(ms * 10) / 10;
console.log(`all views counted (${FILTERS} saved filters) over ${CONVERSATIONS} conversations: mine ${counts.mine}, unassigned ${counts.unassigned}, mentions ${counts.mentions}, saved ${counts.saved.map((s) => s.count).join('/')}`);
// The fastest round too: on a shared, loaded machine it is the steadiest figure to compare.
console.log(JSON.stringify({ conversations: CONVERSATIONS, savedFilters: FILTERS, countAllViewsMsMin: round(countTimes[0] ?? 0), countAllViewsMsP50: round(percentile(countTimes, 0.5)), countAllViewsMsP95: round(percentile(countTimes, 0.95)), savedFilterPageMsP50: round(percentile(pageTimes, 0.5)), savedFilterPageMsP95: round(percentile(pageTimes, 0.95)), openTabPageMsP50: round(percentile(allPageTimes, 0.5)) }));
