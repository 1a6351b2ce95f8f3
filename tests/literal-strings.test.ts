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

/**
 * The desktop shell's words (tray, menus, notifications, dialogs, window titles) come from its own
 * catalogues, src-main/desktop/i18n. Electron takes them as plain strings, so the check reads every
 * literal in src-main/electron and src-main/desktop: one in a place a person sees (a menu label, a
 * notification's title, a tooltip) whatever its length, and any sentence anywhere else, except in
 * the log, in errors thrown for developers, and in the API's error answers the renderer words itself.
 */
const SHELL_VISIBLE_PROPERTIES = new Set(['label', 'sublabel', 'title', 'body', 'reply', 'replyPlaceholder', 'text', 'toolTip', 'description', 'message', 'detail', 'buttons']);
const SHELL_VISIBLE_CALLS = new Set(['setToolTip', 'setTitle', 'setOverlayIcon', 'displayBalloon', 'showErrorBox', 'showMessageBox', 'showMessageBoxSync', 'setAccessibleTitle']);
const DEVELOPER_CALLS = /(^|\.)(log|warn|error|info|debug)$/;
const DEVELOPER_CONSTRUCTORS = /(Error|Failure|Response)$/;
const SENTENCE = /\p{L}\s+\p{L}/u;
/** "Accept", "Unlock", "Passphrase": a button or a heading; machine values are lower case or joined ("editMenu", "CommandOrControl+="). */
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}+[.…!?:]?$/u;
/** Letters of any script but Latin: a translation written into the code. */
const OTHER_SCRIPT = /(?!\p{Script=Latin})\p{L}/u;

/**
 * Literals no person reads as text: the inference process's name in the task manager, and the
 * exit reason it hands to the crash log. The crash report mail is written for the company's
 * support desk, who read it in English, whatever language the agent works in.
 */
const SHELL_NOT_SHOWN = new Set(['Workstation inference', 'exit code', '(exit code )', 'Global Service Workstation on', 'Recent crashes:', 'No crash was recorded.', 'Crash dumps, to attach if you want to:', 'What were you doing when it happened?', 'Workstation crash report']);

function isDeveloperText(node: ts.Node, source: ts.SourceFile): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isCallExpression(at) && DEVELOPER_CALLS.test(at.expression.getText(source))) return true;
    if (ts.isNewExpression(at) && DEVELOPER_CONSTRUCTORS.test(at.expression.getText(source))) return true;
    if (ts.isThrowStatement(at) || ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isTypeNode(at)) return true;
    // `{ ok: false, error: { code, message } }`: the renderer words an API error by its code.
    if (ts.isObjectLiteralExpression(at) && at.properties.some((p) => p.name?.getText(source) === 'code')) return true;
  }
  return false;
}

/** A literal given straight (through ?:, ??, || or a template) to a property or a call that shows it. */
function isShownPlace(node: ts.Node, source: ts.SourceFile): boolean {
  for (let at: ts.Node = node; at.parent; at = at.parent) {
    const parent = at.parent;
    if (ts.isPropertyAssignment(parent)) return parent.initializer === at && SHELL_VISIBLE_PROPERTIES.has(parent.name.getText(source));
    if (ts.isCallExpression(parent)) return ts.isPropertyAccessExpression(parent.expression) && SHELL_VISIBLE_CALLS.has(parent.expression.name.text);
    const passesThrough = ts.isConditionalExpression(parent) || ts.isBinaryExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isTemplateSpan(parent) || ts.isTemplateExpression(parent) || ts.isArrayLiteralExpression(parent);
    if (!passesThrough) return false;
  }
  return false;
}

/** "file:line: text" for each literal a person would read in the desktop shell. */
export function shellLiteralStrings(fileName: string, code: string): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const isLiteral = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
    if (isLiteral) {
      // A page the shell writes (the passphrase form): its words count, its markup and style do not.
      const text = (literalText(node) ?? '').replace(/<style>[\s\S]*?<\/style>/g, ' ').replace(/<[^>]*>/g, ' ').trim().replace(/\s+/g, ' ');
      if (WORDS.test(text) && !SHELL_NOT_SHOWN.has(text) && !isDeveloperText(node, source) && (SENTENCE.test(text) || CAPITALISED_WORD.test(text) || OTHER_SCRIPT.test(text) || isShownPlace(node, source))) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        found.push(`${fileName}:${line + 1}: ${text}`);
      }
    }
    // A template's own parts were read above; what it interpolates may hold literals of its own.
    if (!isLiteral || ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function shellSources(): string[] {
  return ['src-main/electron', 'src-main/desktop'].flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => path.join(dir, name)),
  );
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

describe('strings left in the desktop shell code', () => {
  it('finds none: the tray, menus, notifications, dialogs and window titles speak from the catalogue', () => {
    const files = shellSources();
    expect(files.length).toBeGreaterThan(30);
    expect(files.flatMap((file) => shellLiteralStrings(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('catches labels, titles, tooltips, dialog text and sentences written in place', () => {
    const code = `
      tray.setToolTip('Nothing waiting');
      Menu.buildFromTemplate([{ label: 'Quit', click: quit }, { label: count ? \`\${count} waiting\` : 'Idle' }]);
      new Notification({ title: \`Incoming call: \${remote}\`, body: call.note ?? 'Phone call' });
      dialog.showErrorBox('Cannot open', detail);
      const who = name ?? 'A colleague';
      const ACTIONS = { accept: 'Accept', open: '打开' };`;
    expect(shellLiteralStrings('probe.ts', code)).toEqual([
      'probe.ts:2: Nothing waiting',
      'probe.ts:3: Quit',
      'probe.ts:3: waiting',
      'probe.ts:3: Idle',
      'probe.ts:4: Incoming call:',
      'probe.ts:4: Phone call',
      'probe.ts:5: Cannot open',
      'probe.ts:6: A colleague',
      'probe.ts:7: Accept',
      'probe.ts:7: 打开',
    ]);
  });

  it('lets translations, machine values, log lines and developer errors through', () => {
    const code = `
      tray.setToolTip(t('badge.nothingWaiting'));
      Menu.buildFromTemplate([{ role: 'editMenu' }, { label: t('menu.zoomIn'), accelerator: 'CommandOrControl+=' }]);
      if (process.platform === 'darwin') app.setBadgeCount(0);
      log('The desktop preferences could not be saved.', error);
      this.log(\`A desktop preference was not changed: \${message}\`);
      throw new Error('No passphrase was given: the workstation does not open its cache without one.');
      return { ok: false, error: { code: 'forbidden', message: 'This frame may not call the workstation api.' } };`;
    expect(shellLiteralStrings('probe.ts', code)).toEqual([]);
  });
});
