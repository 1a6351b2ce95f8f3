import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { Article } from '../../src-shared/domain/model.js';
import { HELP_ARTICLES_PATH } from '../../src-shared/protocol/help.js';
import type { RelayCore } from '../relay-core.js';

/** Markup an article may produce: formatting, lists, tables and links; no scripts, styles, forms or frames. */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'hr', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

/**
 * Public articles as plain pages customers can open from a reply's link. Agent-only articles,
 * and ids that do not exist, answer the same 404, so a link cannot probe for internal ones.
 */
export function registerHelpPages(app: FastifyInstance, core: RelayCore, resourcesDir: string): void {
  const css = readFileSync(path.join(resourcesDir, 'help', 'help.css'), 'utf8');
  app.get('/help/help.css', (_request, reply) => {
    void reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-cache').type('text/css; charset=utf-8').send(css);
  });
  app.get<{ Params: { articleId: string } }>(`${HELP_ARTICLES_PATH}/:articleId`, async (request, reply) => {
    const found = await core.store.articles.find(request.params.articleId);
    if (!found || !found.article.public) return sendPage(reply.code(404), notFoundPage());
    return sendPage(reply, articlePage(found.article));
  });
}

export function articleHtml(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false }), ALLOWED);
}

function articlePage(article: Article): string {
  const updated = new Date(article.updatedAt).toISOString().slice(0, 10);
  return page(article.locale, article.title, `<h1 dir="auto">${escapeHtml(article.title)}</h1>
<div dir="auto">${articleHtml(article.body)}</div>
<footer>Updated <time datetime="${updated}">${updated}</time></footer>`);
}

function notFoundPage(): string {
  return page('en', 'Not found', '<h1>This help page does not exist.</h1>');
}

function page(lang: string, title: string, main: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/help/help.css">
</head>
<body><main>${main}</main></body>
</html>`;
}

function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply
    .header('content-security-policy', "default-src 'none'; style-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
