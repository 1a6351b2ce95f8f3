import { countTemplateVariables, type MessageTemplate } from '../../../src-shared/domain/message-templates.js';
import { WhatsAppErrorAnswer } from '../../../src-shared/protocol/channels/whatsapp.js';
import { WhatsAppTemplate, WhatsAppTemplatePage } from '../../../src-shared/protocol/channels/whatsapp-templates.js';
import type { ProviderApi, TemplateList } from '../port/channel-adapter.js';
import { getJson } from '../port/provider-call.js';
import type { WhatsAppCredentials } from './whatsapp-credentials.js';

const FIELDS = 'name,language,status,category,components,parameter_format';
const PAGE_SIZE = 100;
/** A business has at most a few thousand templates (Meta caps them at 6000 per WABA in all languages). */
const MAX_PAGES = 60;

/**
 * GET {graph}/{version}/{waba-id}/message_templates with the access token, page after page (the
 * `after` cursor while Meta gives a `next`), keeping the APPROVED ones the relay can send: a text
 * header or none, a body with positional {{n}} variables, a footer. Media headers and named
 * variables need values the composer does not ask for, so those are counted as skipped.
 */
export async function listWhatsAppTemplates(credentials: WhatsAppCredentials, api: ProviderApi): Promise<TemplateList> {
  if (!credentials.businessAccountId) return { ok: false, error: 'Enter the WhatsApp Business Account ID in this account\'s settings: its approved templates are read from there.' };
  const templates: MessageTemplate[] = [];
  let skipped = 0;
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ fields: FIELDS, limit: String(PAGE_SIZE), ...(after ? { after } : {}) });
    const answer = await getJson(api, `/${credentials.graphVersion}/${encodeURIComponent(credentials.businessAccountId)}/message_templates?${query}`, { authorization: `Bearer ${credentials.accessToken}` });
    if (!answer.ok) return { ok: false, error: `WhatsApp could not be reached: ${answer.detail}.` };
    if (answer.status !== 200) return { ok: false, error: refusalOf(answer.status, answer.body) };
    const parsed = WhatsAppTemplatePage.safeParse(answer.body);
    if (!parsed.success) return { ok: false, error: 'WhatsApp answered the template list with something else than a page of templates.' };
    for (const item of parsed.data.data) {
      const template = sendableTemplate(item);
      if (template) templates.push(template);
      else skipped++;
    }
    after = parsed.data.paging?.cursors?.after;
    if (!parsed.data.paging?.next || !after) return { ok: true, templates, skipped };
  }
  return { ok: true, templates, skipped };
}

function sendableTemplate(item: unknown): MessageTemplate | null {
  const parsed = WhatsAppTemplate.safeParse(item);
  if (!parsed.success || parsed.data.status !== 'APPROVED') return null;
  const { name, language, category, components } = parsed.data;
  if (parsed.data.parameter_format === 'NAMED' || !/^[a-z0-9_]{1,512}$/.test(name)) return null;
  const header = components.find((component) => component.type === 'HEADER');
  const body = components.find((component) => component.type === 'BODY')?.text;
  const footer = components.find((component) => component.type === 'FOOTER')?.text ?? null;
  if (!body) return null;
  // A media header needs a file, a header variable its own value: not offered (yet).
  if (header && (header.format !== 'TEXT' || !header.text || countTemplateVariables(header.text) > 0)) return null;
  return { name, language, category, header: header?.text ?? null, body, footer, parameterCount: countTemplateVariables(body) };
}

function refusalOf(status: number, body: unknown): string {
  const refused = WhatsAppErrorAnswer.safeParse(body);
  if (!refused.success) return `WhatsApp answered the template list with HTTP ${status}.`;
  const { code, message } = refused.data.error;
  const advice =
    code === 190 ? 'Meta does not take this access token: generate a new one for the system user.'
    : code === 100 ? 'Meta knows no WhatsApp Business Account with this ID that this token may read. Check the ID under WhatsApp > API Setup.'
    : code === 10 || code === 200 ? 'This token lacks the permission whatsapp_business_management, which reading templates needs.'
    : 'Meta refused to list the templates.';
  return `${advice} (WhatsApp error ${code}: ${message ?? 'no message'})`;
}
