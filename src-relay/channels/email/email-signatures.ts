/**
 * A mailbox's signatures per language, as the administrator types them in one field: a line with
 * the language code in brackets, then that language's signature, block after block:
 *
 *     [ja]
 *     サポートチーム
 *     [th]
 *     ทีมสนับสนุน
 *
 * A reply is signed in the customer's language (its exact tag, then its primary language: "pt-BR",
 * then "pt"), else with the default signature.
 */
export type SignatureBlocks = { ok: true; signatures: Record<string, string> } | { ok: false; error: string };

const HEADING = /^\[([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\]\s*$/;

export function parseSignatures(text: string): SignatureBlocks {
  const signatures: Record<string, string> = {};
  let language: string | null = null;
  const lines: string[] = [];
  const close = () => {
    if (language !== null) signatures[language] = lines.join('\n').trim();
    lines.length = 0;
  };
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    const heading = HEADING.exec(line.trim());
    if (heading) {
      close();
      language = heading[1]!.toLowerCase();
      if (language in signatures) return { ok: false, error: `the language [${language}] is given twice` };
    } else if (language === null && line.trim() !== '') {
      return { ok: false, error: 'start with a language code in brackets on its own line, such as [ja]' };
    } else lines.push(line);
  }
  close();
  const empty = Object.entries(signatures).find(([, signature]) => signature === '');
  if (empty) return { ok: false, error: `the signature for [${empty[0]}] is empty` };
  return { ok: true, signatures };
}

/** The signature for a customer writing in `language`; the default (possibly none) when there is none for it. */
export function signatureFor(credentials: { signature?: string | undefined; signatures?: string | undefined }, language: string): string | undefined {
  const parsed = credentials.signatures ? parseSignatures(credentials.signatures) : null;
  if (!parsed?.ok) return credentials.signature;
  const tag = language.toLowerCase();
  return parsed.signatures[tag] ?? parsed.signatures[tag.split('-')[0]!] ?? credentials.signature;
}
