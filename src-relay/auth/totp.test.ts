import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpStep, totpUri } from './totp.js';

/** RFC 6238, appendix B: the SHA-1 seed "12345678901234567890" and its 8-digit codes. */
const RFC_SEED = Secret.fromLatin1('12345678901234567890');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it("passes RFC 6238's SHA-1 test vectors with the library the relay uses", () => {
    for (const [seconds, code] of RFC_VECTORS) {
      expect(TOTP.generate({ secret: RFC_SEED, algorithm: 'SHA1', digits: 8, period: 30, timestamp: seconds * 1000 })).toBe(code);
    }
  });

  it('finds the step of a current code, one step either side, and nothing else', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const codeAt = (ms: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: ms });
    const step = Math.floor(now / 30_000);
    expect(totpStep(secret, codeAt(now), now)).toBe(step);
    expect(totpStep(secret, codeAt(now - 30_000), now)).toBe(step - 1);
    expect(totpStep(secret, codeAt(now + 30_000), now)).toBe(step + 1);
    expect(totpStep(secret, codeAt(now - 90_000), now)).toBeNull();
    expect(totpStep(secret, 'abcdef', now)).toBeNull();
    expect(totpStep(secret, '12345', now)).toBeNull();
  });

  it('writes the otpauth URI authenticator apps read', () => {
    const uri = new URL(totpUri('JBSWY3DPEHPK3PXP', 'Acme', 'ann@acme.test'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Acme:ann@acme.test');
    expect(uri.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(uri.searchParams.get('issuer')).toBe('Acme');
  });

  it('makes ten distinct recovery codes, hashed whatever case and hyphens they are typed with', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
    const code = codes[0]!;
    expect(recoveryCodeHash(code.toUpperCase().replace('-', ' '))).toBe(recoveryCodeHash(code));
    expect(recoveryCodeHash(codes[1]!)).not.toBe(recoveryCodeHash(code));
  });
});
