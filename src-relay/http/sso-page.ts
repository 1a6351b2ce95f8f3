import type { FastifyReply } from 'fastify';

/**
 * The page a browser is left on after a single sign-on: plain text, escaped, no script, not
 * cached, and no Referer (the callback's address carries the provider's code).
 */
export function sendSsoPage(reply: FastifyReply, status: number, title: string, text: string): FastifyReply {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body><main><h1 data-testid="sso-title">${escapeHtml(title)}</h1><p data-testid="sso-text">${escapeHtml(text)}</p></main></body>
</html>`;
  return reply
    .code(status)
    .header('content-security-policy', "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
