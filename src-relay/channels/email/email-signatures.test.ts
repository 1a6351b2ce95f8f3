import { describe, expect, it } from 'vitest';
import { EmailCredentials } from './email-credentials.js';
import { parseSignatures, signatureFor } from './email-signatures.js';

describe("a mailbox's signatures per language", () => {
  const signatures = '[ja]\nサポートチーム\n株式会社アクメ\n\n[th]\nทีมสนับสนุน\n[pt]\nEquipe de suporte';

  it('reads one block per language code', () => {
    expect(parseSignatures(signatures)).toEqual({ ok: true, signatures: { ja: 'サポートチーム\n株式会社アクメ', th: 'ทีมสนับสนุน', pt: 'Equipe de suporte' } });
  });

  it("signs in the customer's language, its primary language, else the default", () => {
    const credentials = { signature: 'Acme Support', signatures };
    expect(signatureFor(credentials, 'ja')).toBe('サポートチーム\n株式会社アクメ');
    expect(signatureFor(credentials, 'pt-BR')).toBe('Equipe de suporte');
    expect(signatureFor(credentials, 'en')).toBe('Acme Support');
    expect(signatureFor({ signatures }, 'de')).toBeUndefined();
    expect(signatureFor({ signature: 'Acme Support' }, 'ja')).toBe('Acme Support');
  });

  it('refuses text before the first language, a language twice, an empty block; the form says why', () => {
    expect(parseSignatures('Thanks\n[ja]\nどうも')).toMatchObject({ ok: false, error: expect.stringContaining('[ja]') });
    expect(parseSignatures('[ja]\nA\n[JA]\nB')).toEqual({ ok: false, error: 'the language [ja] is given twice' });
    expect(parseSignatures('[ja]\n[th]\nB')).toEqual({ ok: false, error: 'the signature for [ja] is empty' });
    const base = { address: 'support@acme.test', fromName: 'Acme', smtpHost: 'smtp.acme.test', smtpUser: 'u', smtpPassword: 'p', directDelivery: 'on' };
    expect(EmailCredentials.safeParse({ ...base, signatures: 'hello' }).error?.issues[0]?.message).toMatch(/language code in brackets/);
    expect(EmailCredentials.safeParse({ ...base, signatures }).success).toBe(true);
  });
});
