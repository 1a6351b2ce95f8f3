/**
 * Writes the .eml fixtures with files beside this file, laid out as the named clients send them:
 * Apple Mail's multipart/related for a pasted picture (the HTML names it by `cid:`) inside
 * multipart/mixed with a PDF attached under an RFC 2231 name; Outlook's many attachments, one of
 * them a program. The files are the real small PNG and PDF of src-relay/files/testing, so a test
 * can compare what the relay kept byte for byte. Run again after a change:
 * `npx tsx tests/email/fixtures-files/write-file-fixtures.ts`. The tests read the .eml files, never this.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pdfFile, pngFile } from '../../../src-relay/files/testing/sample-files.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

function write(name: string, lines: string[]): void {
  writeFileSync(path.join(here, name), lines.join('\r\n') + '\r\n');
}

/** A program's first bytes (the MZ header and PE signature): what a customer's "invoice.exe" would be. */
function programFile(): Buffer {
  const bytes = Buffer.alloc(256);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

write('apple-inline-png-and-pdf.eml', [
  'From: Noriko Sato <noriko@example.jp>',
  'To: support@acme.test',
  'Subject: Screenshot of the error and the invoice',
  'Date: Sat, 5 Dec 2026 09:30:00 +0900',
  'Message-ID: <5F1C2D3E-4A5B-6C7D-8E9F-0A1B2C3D4E5F@example.jp>',
  'MIME-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))',
  'Content-Type: multipart/mixed; boundary="Apple-Mail=_MIXED"',
  '',
  '--Apple-Mail=_MIXED',
  'Content-Type: multipart/alternative; boundary="Apple-Mail=_ALT"',
  '',
  '--Apple-Mail=_ALT',
  'Content-Transfer-Encoding: 7bit',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'Hello, the app shows this error when I pay:',
  '',
  '[image: error.png]',
  '',
  'The invoice is attached.',
  '',
  '--Apple-Mail=_ALT',
  'Content-Type: multipart/related; type="text/html"; boundary="Apple-Mail=_REL"',
  '',
  '--Apple-Mail=_REL',
  'Content-Transfer-Encoding: quoted-printable',
  'Content-Type: text/html; charset=us-ascii',
  '',
  '<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3D=',
  'us-ascii"></head><body style=3D"word-wrap: break-word;"><div>Hello, the app =',
  'shows this error when I pay:</div><div><br></div><div><img apple-inline=3D"=',
  'yes" id=3D"7A1B" src=3D"cid:error-shot.1@example.jp" alt=3D"error.png" data-file-id=3D"',
  '0000000000000000000000000000000000000000000000000000000000000000"></div><di=',
  'v><br></div><div>The invoice is attached.</div></body></html>',
  '--Apple-Mail=_REL',
  'Content-Transfer-Encoding: base64',
  'Content-Disposition: inline; filename=error.png',
  'Content-Type: image/png; name="error.png"',
  'Content-Id: <error-shot.1@example.jp>',
  '',
  base64Lines(pngFile(3, 2)),
  '--Apple-Mail=_REL--',
  '',
  '--Apple-Mail=_ALT--',
  '',
  '--Apple-Mail=_MIXED',
  'Content-Disposition: attachment;',
  "\tfilename*=utf-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf",
  'Content-Type: application/pdf;',
  '\tx-unix-mode=0644;',
  "\tname*=utf-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf",
  'Content-Transfer-Encoding: base64',
  '',
  base64Lines(pdfFile()),
  '--Apple-Mail=_MIXED--',
]);

const photos = [1, 2, 3, 4, 5].map((n) => ({ name: `photo-${n}.png`, bytes: pngFile(n + 3, 1) }));
write('outlook-six-files-one-program.eml', [
  'From: "Lee, Morgan" <morgan.lee@example.com>',
  'To: "support@acme.test" <support@acme.test>',
  'Subject: Photos of the damage',
  'Date: Sat, 5 Dec 2026 10:15:00 +0000',
  'Message-ID: <DM6PR11MB4076A1B2C3D4E5F6@DM6PR11MB4076.namprd11.prod.outlook.com>',
  'Content-Language: en-US',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="_004_DM6PR11MB4076_"',
  '',
  '--_004_DM6PR11MB4076_',
  'Content-Type: text/plain; charset="us-ascii"',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Here are five photos of the damaged parcel, and the tool the courier sent =',
  'me.',
  '',
  ...photos.flatMap(({ name, bytes }) => [
    '--_004_DM6PR11MB4076_',
    `Content-Type: image/png; name="${name}"`,
    `Content-Description: ${name}`,
    `Content-Disposition: attachment; filename="${name}"; size=${bytes.length}`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(bytes),
    '',
  ]),
  '--_004_DM6PR11MB4076_',
  'Content-Type: application/octet-stream; name="courier-tool.exe"',
  'Content-Disposition: attachment; filename="courier-tool.exe"',
  'Content-Transfer-Encoding: base64',
  '',
  base64Lines(programFile()),
  '',
  '--_004_DM6PR11MB4076_--',
]);
