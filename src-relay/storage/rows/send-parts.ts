/** `channel_sends.sent_parts` as both adapters keep it: a JSON array of the provider's ids by part, null for a part not taken yet. */
export function partsOf(stored: unknown): (string | null)[] {
  if (typeof stored !== 'string' || stored === '') return [];
  const parsed = JSON.parse(stored) as unknown;
  return Array.isArray(parsed) ? parsed.map((id) => (typeof id === 'string' ? id : null)) : [];
}

export function withPart(parts: readonly (string | null)[], part: number, providerMessageId: string): (string | null)[] {
  const next = [...parts];
  while (next.length <= part) next.push(null);
  next[part] = providerMessageId;
  return next;
}
