import { createStore, type StoreApi } from 'zustand/vanilla';
import { initialTemplateParameters, pickTemplateLanguage, renderTemplate, templateParameterProblem, type MessageTemplate } from '../../src-shared/domain/message-templates.js';
import type { DeskReplyOptions as ReplyOptions } from '../../src-shared/api/replies.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

/** What the picker knows of the conversation: whom it writes to, in which language. */
export interface TemplateAudience {
  id: string;
  customerName: string;
  /** The customer's language, as written or detected. */
  language: string;
}

export interface ReplyTemplatesState {
  conversationId: string | null;
  /** The relay's word on the reply window and the account's templates (offline: the desk's reckoning); null until answered, or when nobody can tell. */
  options: ReplyOptions | null;
  /** The template picked, in the language picked, with its variables' values. */
  picked: { template: MessageTemplate; parameters: string[] } | null;
  sending: boolean;
  error: string | null;
  /** Asks the relay again (a conversation opened, the customer wrote, the window's end passed). */
  load(audience: TemplateAudience): Promise<void>;
  /** A template by name, in the language that suits the customer (else the team's, else the first). */
  pick(name: string, audience: TemplateAudience): void;
  setLanguage(language: string, audience: TemplateAudience): void;
  setParameter(index: number, value: string): void;
  /** Sends the picked template through the outbox, as any reply; the transcript keeps its rendered text. */
  send(): Promise<boolean>;
}

export type ReplyTemplatesStore = StoreApi<ReplyTemplatesState>;

export const replyTemplatesContext = createStoreContext<ReplyTemplatesState>('reply templates');
export const { useStoreApi: useReplyTemplatesStore, useSlice: useReplyTemplates } = replyTemplatesContext;

/** The languages one template name is approved in. */
export function languagesOf(options: ReplyOptions | null, name: string): string[] {
  return (options?.templates ?? []).filter((template) => template.name === name).map((template) => template.language);
}

/** Each template name once, in the relay's order. */
export function templateNames(options: ReplyOptions | null): string[] {
  return [...new Set((options?.templates ?? []).map((template) => template.name))];
}

/**
 * What the picker can offer: the templates; word that the account has none; or, offline with
 * none ever fetched for the conversation, word that they cannot be loaded until the desk reconnects.
 */
export function templateOffer(options: ReplyOptions | null): 'templates' | 'none' | 'offline-none' {
  if (options?.offline?.templatesFetchedAt === null) return 'offline-none';
  return templateNames(options).length === 0 ? 'none' : 'templates';
}

/** Whether every variable holds a value WhatsApp takes. */
export function parametersReady(parameters: readonly string[]): boolean {
  return parameters.every((value) => templateParameterProblem(value) === null);
}

export function createReplyTemplatesStore(client: ApiClient): ReplyTemplatesStore {
  let asked = 0;
  const templateOf = (options: ReplyOptions | null, name: string, language: string) =>
    options?.templates.find((template) => template.name === name && template.language === language) ?? null;
  return createStore<ReplyTemplatesState>()((set, get) => ({
    conversationId: null,
    options: null,
    picked: null,
    sending: false,
    error: null,

    async load(audience) {
      const ticket = ++asked;
      const changed = get().conversationId !== audience.id;
      if (changed) set({ conversationId: audience.id, options: null, picked: null, error: null });
      const result = await client.call('replies.options', { conversationId: audience.id });
      if (ticket !== asked) return;
      // Refused, or offline where the desk cannot tell the window: free text, which the relay checks when it arrives.
      if (!result.ok) return set({ options: null });
      const picked = get().picked;
      const still = picked && templateOf(result.value, picked.template.name, picked.template.language);
      set({ options: result.value, picked: still ? { template: still, parameters: picked.parameters } : null });
    },

    pick(name, audience) {
      const { options } = get();
      const language = pickTemplateLanguage(languagesOf(options, name), audience.language, options?.fallbackLanguage ?? 'en');
      const template = language === null ? null : templateOf(options, name, language);
      set({ picked: template && { template, parameters: initialTemplateParameters(template, { customerName: audience.customerName }) }, error: null });
    },

    setLanguage(language, audience) {
      const { options, picked } = get();
      const template = picked && templateOf(options, picked.template.name, language);
      if (!template) return;
      // The values stay when the other language takes as many (they are names and numbers, not words).
      const parameters = picked.parameters.length === template.parameterCount ? picked.parameters : initialTemplateParameters(template, { customerName: audience.customerName });
      set({ picked: { template, parameters } });
    },

    setParameter(index, value) {
      const picked = get().picked;
      if (!picked) return;
      set({ picked: { ...picked, parameters: picked.parameters.map((old, at) => (at === index ? value : old)) } });
    },

    async send() {
      const { conversationId, picked, sending } = get();
      if (!conversationId || !picked || sending || !parametersReady(picked.parameters)) return false;
      set({ sending: true, error: null });
      const { template, parameters } = picked;
      const result = await client.call('conversations.reply', {
        conversationId,
        body: renderTemplate(template, parameters),
        template: { name: template.name, language: template.language, parameters },
      });
      if (get().conversationId !== conversationId) return result.ok;
      set(result.ok ? { sending: false, picked: null } : { sending: false, error: result.error.message });
      return result.ok;
    },
  }));
}
