import { createHash, createVerify, type KeyObject } from 'node:crypto';

/**
 * A DKIM check per RFC 6376 for the tests, with Node's crypto: rsa-sha256, relaxed or simple
 * canonicalization. Returns why it fails, or null when the signature holds. Written from the RFC
 * so that it checks nodemailer's signing rather than trusting it.
 */
export function dkimFailure(raw: Buffer, publicKey: KeyObject): string | null {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const headerLines = unfoldedHeaders(text.slice(0, split + 2));
  const body = text.slice(split + 4);
  const signature = headerLines.find((line) => /^dkim-signature:/i.test(line));
  if (!signature) return 'no DKIM-Signature header';
  const tags = tagsOf(signature.slice(signature.indexOf(':') + 1));
  if (tags.a !== 'rsa-sha256') return `unexpected algorithm ${tags.a}`;
  const [headerCanon = 'simple', bodyCanon = 'simple'] = (tags.c ?? 'simple/simple').split('/');
  const bodyHash = createHash('sha256').update(canonicalBody(body, bodyCanon), 'latin1').digest('base64');
  if (bodyHash !== tags.bh) return `body hash differs: ${bodyHash} is not ${tags.bh}`;
  const remaining = [...headerLines];
  const signed: string[] = [];
  for (const name of (tags.h ?? '').split(':').map((n) => n.trim().toLowerCase())) {
    // The last occurrence first (RFC 6376 5.4.2); a name listed more often than present signs nothing.
    const index = remaining.map((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase()).lastIndexOf(name);
    if (index < 0) continue;
    signed.push(canonicalHeader(remaining[index]!, headerCanon));
    remaining.splice(index, 1);
  }
  const unsignedSignature = signature.replace(/(\bb=)[^;]*/, '$1');
  const data = [...signed, canonicalHeader(unsignedSignature, headerCanon).replace(/\r\n$/, '')].join('');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(data, 'latin1');
  return verifier.verify(publicKey, Buffer.from((tags.b ?? '').replace(/\s+/g, ''), 'base64')) ? null : 'the signature does not verify';
}

function unfoldedHeaders(block: string): string[] {
  const lines: string[] = [];
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && lines.length > 0) lines[lines.length - 1] += `\r\n${line}`;
    else lines.push(line);
  }
  return lines;
}

function tagsOf(value: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of value.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) tags[pair.slice(0, at).trim()] = pair.slice(at + 1).replace(/\s+/g, pair.slice(0, at).trim() === 'b' || pair.slice(0, at).trim() === 'bh' ? '' : ' ').trim();
  }
  return tags;
}

function canonicalHeader(line: string, canon: string): string {
  if (canon === 'simple') return `${line}\r\n`;
  const at = line.indexOf(':');
  const name = line.slice(0, at).trim().toLowerCase();
  const value = line.slice(at + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim();
  return `${name}:${value}\r\n`;
}

function canonicalBody(body: string, canon: string): string {
  let lines = body.split('\r\n');
  if (canon === 'relaxed') lines = lines.map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? (canon === 'simple' ? '\r\n' : '') : `${lines.join('\r\n')}\r\n`;
}
