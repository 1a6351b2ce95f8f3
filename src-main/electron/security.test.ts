import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './app-url.js';
import { allowsPermission, externalUrlToOpen } from './security.js';

describe('allowsPermission', () => {
  const ask = (permission: string, requestingUrl: string, mediaTypes: string[] = []) => allowsPermission({ permission, requestingUrl, mediaTypes }, APP_ORIGIN);

  it('lets our own page use the microphone', () => {
    expect(ask('media', 'app://workstation/index.html', ['audio'])).toBe(true);
    expect(ask('media', 'app://workstation', [])).toBe(true);
  });

  it('refuses the camera and screen, even to our own page', () => {
    expect(ask('media', 'app://workstation/index.html', ['video'])).toBe(false);
    expect(ask('media', 'app://workstation/index.html', ['audio', 'video'])).toBe(false);
    expect(ask('media', 'app://workstation/index.html', ['unknown'])).toBe(false);
    expect(ask('display-capture', 'app://workstation/index.html')).toBe(false);
  });

  it('refuses everything else to everyone', () => {
    for (const permission of ['notifications', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial', 'fullscreen', 'unknown']) {
      expect(ask(permission, 'app://workstation/index.html'), permission).toBe(false);
    }
  });

  it('refuses the microphone to any other origin', () => {
    for (const url of ['https://evil.example/', 'app://other/index.html', 'file:///index.html', 'http://127.0.0.1:5173/', '', 'null']) {
      expect(ask('media', url, ['audio']), url).toBe(false);
    }
  });
});

describe('externalUrlToOpen', () => {
  it('passes plain http(s) links, normalised', () => {
    expect(externalUrlToOpen('https://help.example.com/articles/12')).toBe('https://help.example.com/articles/12');
    expect(externalUrlToOpen('HTTP://Example.COM')).toBe('http://example.com/');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://workstation/index.html',
    'data:text/html,<script>alert(1)</script>',
    'https://bank.example@evil.example/',
    'https://user:pass@example.com/',
    '//example.com/no-scheme',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(externalUrlToOpen(url)).toBeNull();
  });
});
