import { describe, expect, it } from 'vitest';
import type { ApiResult, MethodOutput } from '../../src-shared/api/contract.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost, makeConversation, makeMessage } from '../state/fake-bridge.js';
import { createSearchStore } from './search-store.js';

type SearchResult = ApiResult<MethodOutput<'messages.search'>>;

function hitsFor(query: string): SearchResult {
  const conversation = makeConversation(`c-${query}`);
  return { ok: true, value: { hits: [{ conversation, message: makeMessage(`m-${query}`, conversation.id), snippet: query }] } };
}

describe('search store', () => {
  it('shows only the answer to the latest query', async () => {
    const host = createFakeHost();
    const search = createSearchStore(createApiClient(host.bridge, () => {}));
    const releases = new Map<string, (result: SearchResult) => void>();
    host.answer('messages.search', ({ query }) => new Promise<SearchResult>((resolve) => releases.set(query, resolve)));
    const slow = search.getState().search('refu');
    const fast = search.getState().search('refund');
    releases.get('refund')?.(hitsFor('refund'));
    await fast;
    releases.get('refu')?.(hitsFor('refu'));
    await slow;
    expect(search.getState().query).toBe('refund');
    expect(search.getState().hits.map((h) => h.snippet)).toEqual(['refund']);
  });

  it('clears on a blank query without asking the host', async () => {
    const host = createFakeHost();
    const search = createSearchStore(createApiClient(host.bridge, () => {}));
    await search.getState().search('   ');
    expect(host.calls).toHaveLength(0);
    expect(search.getState()).toMatchObject({ query: '', hits: [] });
  });
});
