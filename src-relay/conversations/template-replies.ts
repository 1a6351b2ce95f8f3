import type { MessagingRules } from '../../src-shared/domain/channel-rules.js';
import { renderTemplate, type TemplateChoice } from '../../src-shared/domain/message-templates.js';
import type { ChangeSet } from '../log/change-set.js';

/**
 * Why an approved-template reply cannot go, in the agent's words, or null when it may: the
 * provider must have templates, the account must hold this one in this language as last fetched
 * from the provider, with a value for each variable, and the reply's text (what the transcript
 * keeps) must be the template as filled in, so the transcript says what the customer got.
 */
export async function templateRefusal(changes: ChangeSet, rules: MessagingRules, accountId: string, body: string, choice: TemplateChoice): Promise<string | null> {
  if (!rules.approvedTemplates) return `${rules.name} has no approved templates: the customer has to write again first.`;
  const templates = await changes.store.channels.listTemplates(accountId);
  const template = templates.find((candidate) => candidate.name === choice.name && candidate.language === choice.language);
  if (!template) {
    return `The template "${choice.name}" (${choice.language}) is not among this account's approved templates: it may have been paused or deleted in WhatsApp Manager. Pick another one.`;
  }
  if (choice.parameters.length !== template.parameterCount) {
    return `The template "${choice.name}" takes ${template.parameterCount} values, and ${choice.parameters.length} were given.`;
  }
  if (renderTemplate(template, choice.parameters) !== body) {
    return `The template "${choice.name}" changed since it was picked: pick it again.`;
  }
  return null;
}
