import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src-shared/api/contract.js';
import { catalogueProblems, flattenCatalogue } from '../../src-shared/i18n/catalogue-check.js';
import { SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages.js';
import { callAlert, mentionAlert, offerAlert } from './desk-alerts.js';
import { createDeskText, DESK_CATALOGUES } from './desk-text.js';
import { trayMenuEntries } from './tray-menu.js';
import { badgeView } from './work-badge.js';

const folder = new URL('./i18n/', import.meta.url);
const english = DESK_CATALOGUES.en;
const choices = { closeToTray: true, startAtLogin: false };
const labels = (waiting: number, t: ReturnType<typeof createDeskText>['t']) => trayMenuEntries(waiting, choices, t).flatMap((entry) => ('label' in entry ? [entry.label] : []));

/** German says "Passphrase" too (Duden); a translator would not invent another word for it. */
const LOANWORDS: Partial<Record<string, string[]>> = { de: ['Passphrase'] };

const notice: Notice = { id: 'n1', at: 1, kind: 'mentioned', conversationId: 'c1', customerName: 'Somchai', otherAgentName: 'Mei Lin', messageId: 'm1', detail: '@you ดูหน่อย', openable: true };

describe('the desktop shell catalogues', () => {
  it('has one file for each interface language and no other', () => {
    const files = readdirSync(folder).filter((name) => name.endsWith('.json')).map((name) => name.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
  });

  it.each(SUPPORTED_LANGUAGES.filter((language) => language !== 'en'))('%s has every English key, its own plural forms and the same variables, translated', (language) => {
    const catalogue: unknown = JSON.parse(readFileSync(new URL(`${language}.json`, folder), 'utf8'));
    const found = catalogueProblems(english, language, catalogue);
    expect(found, `${language}.json:\n${found.join('\n')}\n`).toEqual([]);
    // Copied English is not a translation: only the product's name, and words the language took from English, may stay as they are.
    const englishText = flattenCatalogue(english);
    const same = [...flattenCatalogue(catalogue)].filter(([key, text]) => englishText.get(key) === text && !/^(Global Service )?Workstation$/.test(text) && !LOANWORDS[language]?.includes(text));
    expect(same).toEqual([]);
  });

  it('has every key the shell asks for by name', () => {
    const sources = ['../desktop', '../electron'].flatMap((dir) =>
      readdirSync(new URL(dir, import.meta.url))
        .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
        .map((name) => readFileSync(new URL(`${dir}/${name}`, import.meta.url), 'utf8')),
    );
    // Any quoted "section.key" of a catalogue section: keys are also picked in ternaries and tables.
    const sections = Object.keys(english as object).join('|');
    const quoted = new RegExp(`'((?:${sections})\\.[a-zA-Z.]+)'`, 'g');
    const keys = new Set(sources.flatMap((text) => [...text.matchAll(quoted)].map((match) => match[1] ?? '')));
    const known = flattenCatalogue(english);
    expect(keys.size).toBeGreaterThan(20);
    expect([...keys].filter((key) => !known.has(key) && !known.has(`${key}_other`))).toEqual([]);
  });
});

describe('the shell in the interface language', () => {
  it('writes the tray, its tooltip and the notifications in the language it starts in', () => {
    const { t } = createDeskText('de');
    expect(labels(2, t)).toEqual([
      '2 Einträge warten auf Sie',
      'Workstation anzeigen',
      'Beim Schließen im Infobereich weiterlaufen',
      'Bei der Anmeldung öffnen',
      'Nach Updates suchen',
      'Absturzberichte anzeigen',
      'Absturzbericht senden…',
      'Beenden',
    ]);
    expect(badgeView(0, t).description).toBe('Global Service Workstation: nichts wartet');
    expect(mentionAlert(notice, t)).toMatchObject({ title: 'Mei Lin hat Sie erwähnt (Somchai)', reply: 'Mei Lin antworten' });
    expect(callAlert({ remote: '+66 81 234 5678', provider: 'sip', transferredBy: null }, t)).toMatchObject({ title: 'Eingehender Anruf: +66 81 234 5678', body: 'Telefonanruf' });
  });

  it('switches when the agent switches, and tells the tray and menus to be written again', () => {
    const text = createDeskText('en');
    let rebuilt = 0;
    text.onSwitch(() => rebuilt++);
    expect(offerAlert({ conversationId: 'c9', customerName: 'Nok', preview: 'พัสดุอยู่ไหน' }, text.t).title).toBe('New conversation for you: Nok');
    text.switchTo('th');
    expect(text.language).toBe('th');
    expect(rebuilt).toBe(1);
    expect(offerAlert({ conversationId: 'c9', customerName: 'Nok', preview: 'พัสดุอยู่ไหน' }, text.t).title).toBe('บทสนทนาใหม่สำหรับคุณ: Nok');
    expect(labels(0, text.t)[0]).toBe('ไม่มีงานรอ');
    text.switchTo('zh-CN');
    expect(mentionAlert({ ...notice, otherAgentName: null }, text.t)).toMatchObject({ title: '一位同事提到了您（Somchai）', reply: '回复同事' });
    // The same language again changes nothing, so the tray is not rebuilt for nothing.
    text.switchTo('zh-CN');
    expect(rebuilt).toBe(2);
  });

  it('counts with the plural forms of English and of Arabic', () => {
    const text = createDeskText('en');
    expect([1, 2, 21].map((count) => labels(count, text.t)[0])).toEqual(['1 waiting for you', '2 waiting for you', '21 waiting for you']);
    text.switchTo('ar');
    // Arabic: one and two say the number in the word; 3–10 take the plural, 11–99 the singular accusative, 100 the singular.
    expect([1, 2, 3, 10, 11, 99, 100].map((count) => labels(count, text.t)[0])).toEqual([
      'عنصر واحد بانتظارك',
      'عنصران بانتظارك',
      '3 عناصر بانتظارك',
      '10 عناصر بانتظارك',
      '11 عنصرًا بانتظارك',
      '99 عنصرًا بانتظارك',
      '100 عنصر بانتظارك',
    ]);
    expect(badgeView(2, text.t).description).toBe('Global Service Workstation: عنصران بانتظارك');
  });
});
