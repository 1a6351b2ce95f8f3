import { describe, expect, it } from 'vitest';
import { loadRegionalNotes, notesFor, RegionalNotesFile } from './regional-notes.js';

const shipped = loadRegionalNotes(new URL('../../resources/kb/regional-notes.json', import.meta.url).pathname);
const ids = (market: string | null, intent: string | null) => notesFor(shipped, market, intent).map((note) => note.id);

describe('regional service notes', () => {
  it('ships at least ten notes that validate', () => {
    expect(shipped.notes.length).toBeGreaterThanOrEqual(10);
  });

  it('match by market, market group and intent', () => {
    expect(ids('AE', 'product_question')).toEqual(['me-halal']);
    expect(ids('de', 'refund')).toEqual(['eu-withdrawal']);
    expect(ids('TH', 'delivery_delay')).toEqual(['sea-rain']);
    expect(ids('GB', 'privacy_request')).toEqual(['eu-privacy']);
  });

  it('show notes without intents for every conversation of the market, and nothing elsewhere', () => {
    expect(ids('JP', null)).toEqual(['jp-keigo']);
    expect(ids('JP', 'refund')).toEqual(['jp-keigo']);
    expect(ids('US', 'refund')).toEqual([]);
    expect(ids(null, 'refund')).toEqual([]);
    expect(ids('AE', 'refund')).toEqual([]);
  });

  it('refuse a note naming an unknown market group', () => {
    const broken = { groups: {}, notes: [{ id: 'x', markets: ['NORDICS'], intents: [], title: 't', body: 'b' }] };
    expect(RegionalNotesFile.safeParse(broken).success).toBe(false);
  });
});
