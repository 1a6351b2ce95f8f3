import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, parseDeepLink } from './deep-link.js';

describe('parseDeepLink', () => {
  it('opens the conversation a link names', () => {
    expect(parseDeepLink('gsw://conversation/conv-42')).toEqual({ kind: 'conversation', conversationId: 'conv-42' });
    expect(parseDeepLink('GSW://conversation/2f1c0e7a-98b1-4c4e-9a57-0d7d3b4c1e2f/')).toEqual({ kind: 'conversation', conversationId: '2f1c0e7a-98b1-4c4e-9a57-0d7d3b4c1e2f' });
  });

  it.each([
    ['another scheme', 'https://conversation/conv-42'],
    ['a scheme that only starts alike', 'gsww://conversation/conv-42'],
    ['another action', 'gsw://settings/conv-42'],
    ['no id', 'gsw://conversation/'],
    ['a nested path', 'gsw://conversation/conv-42/messages'],
    ['a dot segment', 'gsw://conversation/../admin'],
    ['a percent escape', 'gsw://conversation/conv%2F42'],
    ['a query', 'gsw://conversation/conv-42?reply=yes'],
    ['a fragment', 'gsw://conversation/conv-42#top'],
    ['credentials', 'gsw://user:pw@conversation/conv-42'],
    ['a port', 'gsw://conversation:80/conv-42'],
    ['a single slash', 'gsw:/conversation/conv-42'],
    ['a host in capitals', 'gsw://CONVERSATION/conv-42'],
    ['whitespace', ' gsw://conversation/conv-42'],
    ['a newline after it', 'gsw://conversation/conv-42\n'],
    ['script', 'gsw://conversation/<script>'],
    ['non-ASCII look-alikes', 'gsw://conversation/cоnv'],
    ['an id longer than any id', `gsw://conversation/${'a'.repeat(65)}`],
    ['a very long link', `gsw://conversation/${'a'.repeat(10_000)}`],
    ['nothing', ''],
  ])('refuses %s', (_what, url) => {
    expect(parseDeepLink(url)).toBeNull();
  });
});

describe('deepLinkInArgv', () => {
  it('finds the link among the flags and paths a launch carries', () => {
    const argv = ['C:\\Program Files\\Workstation\\Workstation.exe', '--allow-file-access-from-files', 'gsw://conversation/conv-7/'];
    expect(deepLinkInArgv(argv)).toEqual({ kind: 'conversation', conversationId: 'conv-7' });
  });

  it('skips a broken link and reads none from flags or files', () => {
    expect(deepLinkInArgv(['/usr/bin/workstation', 'gsw://conversation/bad%20id', '--gsw://conversation/conv-1', '/tmp/gsw://conversation/conv-2'])).toBeNull();
    expect(deepLinkInArgv(['app', 'gsw://conversation/bad%20id', 'gsw://conversation/conv-3'])).toEqual({ kind: 'conversation', conversationId: 'conv-3' });
    expect(deepLinkInArgv([])).toBeNull();
  });
});
