import { describe, expect, it } from 'vitest';
import { parseUpdateFeed, publishArgs, updateAction, type UpdateChoice, type UpdateState } from './update-policy.js';

const STATES: UpdateState[] = ['idle', 'checking', 'available', 'downloaded', 'error'];
const CHOICES: UpdateChoice[] = ['none', 'restart-now', 'later'];

describe('updateAction', () => {
  it('never installs now while a call is in progress, in any state or choice', () => {
    for (const state of STATES) for (const choice of CHOICES) expect(updateAction({ state, callInProgress: true, choice })).not.toBe('install-now');
  });

  it('acts only on a downloaded update', () => {
    for (const state of STATES.filter((s) => s !== 'downloaded'))
      for (const choice of CHOICES) for (const callInProgress of [false, true]) expect(updateAction({ state, callInProgress, choice })).toBe('nothing');
  });

  it('offers a restart when no call is in progress, and restarts when the agent says so', () => {
    expect(updateAction({ state: 'downloaded', callInProgress: false, choice: 'none' })).toBe('offer-restart');
    expect(updateAction({ state: 'downloaded', callInProgress: false, choice: 'restart-now' })).toBe('install-now');
  });

  it('holds the offer and a "Restart now" until the call ends', () => {
    expect(updateAction({ state: 'downloaded', callInProgress: true, choice: 'none' })).toBe('wait-for-call');
    expect(updateAction({ state: 'downloaded', callInProgress: true, choice: 'restart-now' })).toBe('wait-for-call');
  });

  it('leaves "Later" to the next quit, call or not', () => {
    expect(updateAction({ state: 'downloaded', callInProgress: false, choice: 'later' })).toBe('install-on-quit');
    expect(updateAction({ state: 'downloaded', callInProgress: true, choice: 'later' })).toBe('install-on-quit');
  });
});

describe('parseUpdateFeed', () => {
  it('reads a generic server folder and a GitHub repository', () => {
    expect(parseUpdateFeed('https://updates.example.com/workstation')).toEqual({ provider: 'generic', url: 'https://updates.example.com/workstation/' });
    expect(parseUpdateFeed('github:acme/workstation-desktop')).toEqual({ provider: 'github', owner: 'acme', repo: 'workstation-desktop' });
  });

  it.each([
    ['plain http', 'http://updates.example.com/', /https/],
    ['credentials', 'https://user:pw@updates.example.com/', /no credentials/],
    ['a query', 'https://updates.example.com/?channel=beta', /no credentials, query/],
    ['a file URL', 'file:///srv/updates', /https/],
    ['a half GitHub name', 'github:acme', /github:owner\/repo/],
    ['words', 'the usual server', /neither/],
  ])('refuses %s with the reason', (_what, value, reason) => {
    expect(() => parseUpdateFeed(value)).toThrow(reason);
  });
});

describe('publishArgs', () => {
  it('points electron-builder at the feed', () => {
    expect(publishArgs(parseUpdateFeed('https://updates.example.com/desk'))).toEqual(['-c.publish.provider=generic', '-c.publish.url=https://updates.example.com/desk/']);
    expect(publishArgs(parseUpdateFeed('github:acme/desk'))).toEqual(['-c.publish.provider=github', '-c.publish.owner=acme', '-c.publish.repo=desk']);
  });
});
