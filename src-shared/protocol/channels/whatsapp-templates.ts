import { z } from 'zod';

/**
 * The Graph API's answer to GET /{whatsapp-business-account-id}/message_templates (Meta's
 * "Message Templates" reference): a page of templates and the cursors to the next. Only the
 * fields the relay reads are named; anything else Meta sends is allowed and ignored.
 */

export const WhatsAppTemplateComponent = z.object({
  /** HEADER, BODY, FOOTER or BUTTONS. */
  type: z.string().max(32),
  /** A header's: TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION. */
  format: z.string().max(32).optional(),
  text: z.string().max(4096).optional(),
});

export const WhatsAppTemplate = z.object({
  name: z.string().max(512),
  language: z.string().max(32),
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED, ... */
  status: z.string().max(32),
  category: z.string().max(64).default(''),
  components: z.array(WhatsAppTemplateComponent).max(20).default([]),
  /** POSITIONAL ({{1}}) by default; NAMED ({{first_name}}) templates need named parameters. */
  parameter_format: z.string().max(32).optional(),
});
export type WhatsAppTemplate = z.infer<typeof WhatsAppTemplate>;

export const WhatsAppTemplatePage = z.object({
  data: z.array(z.unknown()),
  paging: z
    .object({
      cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).partial().optional(),
      /** Present while there is a next page. */
      next: z.string().optional(),
    })
    .optional(),
});
