import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from '../src-renderer/i18n/en.json' with { type: 'json' };

/**
 * Every user-visible string in the renderer goes through i18next: this finds the ones that do not,
 * read from the TypeScript syntax tree of each .tsx file. Text is words, not punctuation: "·", "?"
 * and "–" are marks every language shows alike.
 */
const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'alt', 'label']);
const WORDS = /\p{L}/u;

/**
 * Placeholders that show the form of a machine value, the same in every language: language tags,
 * market codes, intent and skill ids, mail domains, phone and SIP addresses. A translator must not
 * turn "refund" into "Erstattung" here, so these stay out of the catalogue.
 */
const MACHINE_EXAMPLES = new Set(['en, de', 'de, en', 'DE, AT', 'DE 30, TH 90', 'refund, delivery', 'refund, exchange', 'newsletter@example.com, example.com', '+4930123456 / sip:2002@pbx']);

/** A catalogue key ("shortcuts.search") passed as a prop is a translation, not a literal. */
function isCatalogueKey(text: string): boolean {
  let node: unknown = en;
  for (const part of text.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

function literalText(expression: ts.Expression | undefined): string | null {
  if (!expression) return null;
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return expression.text;
  if (ts.isTemplateExpression(expression)) return [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)].join(' ');
  if (ts.isParenthesizedExpression(expression)) return literalText(expression.expression);
  if (ts.isConditionalExpression(expression)) return [literalText(expression.whenTrue), literalText(expression.whenFalse)].filter((t) => t !== null).join(' ') || null;
  if (ts.isBinaryExpression(expression) && (expression.operatorToken.kind === ts.SyntaxKind.BarBarToken || expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expression.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) {
    return literalText(expression.right);
  }
  return null;
}

/** "file:line: text" for each literal an agent would read. */
export function literalStrings(fileName: string, code: string): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${fileName}:${line + 1}: ${text.trim().replace(/\s+/g, ' ')}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const text = literalText(node.expression);
      if (text !== null && WORDS.test(text)) report(node, text);
    }
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer;
      const text = value && ts.isStringLiteral(value) ? value.text : value && ts.isJsxExpression(value) ? literalText(value.expression) : null;
      if (text !== null && WORDS.test(text) && !isCatalogueKey(text) && !MACHINE_EXAMPLES.has(text)) report(node, `${node.name.getText(source)}=${text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function rendererComponents(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return rendererComponents(full);
    return entry.name.endsWith('.tsx') && !entry.name.endsWith('.test.tsx') ? [full] : [];
  });
}

describe('strings left in the renderer code', () => {
  it('finds none: every text and label an agent reads comes from the catalogue', () => {
    const files = rendererComponents('src-renderer');
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((file) => literalStrings(path.relative('.', file), readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('catches text, visible attributes and label props written in place', () => {
    const code = `
      export const A = () => <p title="Close it">Hello there</p>;
      export const B = ({ open }: { open: boolean }) => <input placeholder={open ? 'Search…' : 'Closed'} aria-label={\`Find \${1}\`} />;
      export const C = () => <Field label="Email" />;
      export const D = () => <span>{'Sent'}</span>;
      export const E = () => <img alt="Logo" />;`;
    const found = literalStrings('probe.tsx', code);
    expect(found).toEqual([
      'probe.tsx:2: title=Close it',
      'probe.tsx:2: Hello there',
      'probe.tsx:3: placeholder=Search… Closed',
      'probe.tsx:3: aria-label=Find',
      'probe.tsx:4: label=Email',
      'probe.tsx:5: Sent',
      'probe.tsx:6: alt=Logo',
    ]);
  });

  it('lets translations, catalogue keys, customer data and marks through', () => {
    const code = `
      export const A = ({ t, name }: { t: (k: string) => string; name: string }) => (
        <p title={t('topBar.signOut')} aria-label={name}>
          {t('login.title')} · {name} ? –
          <Row label="shortcuts.search" className="wide" data-testid="row" />
        </p>
      );`;
    expect(literalStrings('probe.tsx', code)).toEqual([]);
  });
});
