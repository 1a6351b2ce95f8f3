import { describe, expect, it } from 'vitest';
import type { DeepLink } from './deep-link.js';
import { createLinkHandOff } from './link-hand-off.js';

function recorder() {
  const seen: { focused: number; opened: DeepLink[] } = { focused: 0, opened: [] };
  const handOff = createLinkHandOff({ focus: () => seen.focused++, open: (link) => seen.opened.push(link) });
  return { seen, handOff };
}

describe('createLinkHandOff', () => {
  it("holds the first launch's link until the desk is ready, then opens it once", () => {
    const { seen, handOff } = recorder();
    handOff.fromFirstLaunch(['workstation', 'gsw://conversation/conv-1']);
    expect(seen.opened).toEqual([]);
    handOff.ready();
    handOff.ready();
    expect(seen.opened).toEqual([{ kind: 'conversation', conversationId: 'conv-1' }]);
  });

  it('a first launch without a link leaves the window where it is (it may be starting in the tray)', () => {
    const { seen, handOff } = recorder();
    handOff.fromFirstLaunch(['workstation', '--opened-at-login']);
    handOff.ready();
    expect(seen).toEqual({ focused: 0, opened: [] });
  });

  it('a second launch focuses the first and hands over its link', () => {
    const { seen, handOff } = recorder();
    handOff.ready();
    handOff.fromArgv(['workstation.exe', '--flag', 'gsw://conversation/conv-2']);
    expect(seen).toEqual({ focused: 1, opened: [{ kind: 'conversation', conversationId: 'conv-2' }] });
  });

  it('a second launch without a link only focuses', () => {
    const { seen, handOff } = recorder();
    handOff.ready();
    handOff.fromArgv(['workstation.exe']);
    expect(seen).toEqual({ focused: 1, opened: [] });
  });

  it("keeps only the newest link that arrived before the desk was ready (macOS's open-url included)", () => {
    const { seen, handOff } = recorder();
    handOff.fromUrl('gsw://conversation/older');
    handOff.fromUrl('gsw://conversation/newer');
    handOff.fromUrl('gsw://conversation/x?evil=1');
    handOff.ready();
    expect(seen.opened).toEqual([{ kind: 'conversation', conversationId: 'newer' }]);
    expect(seen.focused).toBe(3);
  });
});
