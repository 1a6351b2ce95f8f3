import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forkInferenceProcess } from '../src-main/ai/fork-inference.js';
import { writeBudget } from '../src-main/ai/models/model-budget.js';
import { createLanguageSetup } from '../src-main/host/language-setup.js';
import { startFakeHub } from '../src-main/ai/models/testing/fake-hub.js';
import { writeTinyBert, writeTinyMarian } from '../src-main/ai/testing/tiny-models.js';
import { Workstation } from '../src-main/core/workstation.js';
import { startRelay, type RunningRelay } from '../src-relay/server.js';
import { waitFor } from './support/wait.js';
import { WebchatCustomer } from './support/webchat-customer.js';

const INTENTS = path.resolve('resources/ai/intents.json');
const CATALOG = path.resolve('resources/models/catalog.json');

/**
 * On-device language work end to end: a real relay, a real core, the real inference process on
 * tiny models. The tiny models' words are nonsense; what is checked is the flow and what is stored.
 */
describe('on-device translation, intent and sentiment', () => {
  let models: string;
  let dir: string;
  let relay: RunningRelay;
  const open: Workstation[] = [];
  const customers: WebchatCustomer[] = [];

  beforeAll(() => {
    models = mkdtempSync(path.join(tmpdir(), 'models-'));
    writeTinyMarian(models, 'opus-mt-es-en');
    writeTinyMarian(models, 'opus-mt-en-es', { seed: 2 });
    writeTinyBert(models, 'paraphrase-multilingual-MiniLM-L12-v2');
  });
  afterAll(() => rmSync(models, { recursive: true, force: true }));

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'language-'));
    relay = await startRelay({ dbPath: path.join(dir, 'relay.sqlite'), seedDemo: true });
  });
  afterEach(async () => {
    for (const customer of customers.splice(0)) customer.close();
    for (const workstation of open.splice(0)) await workstation.close();
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(email: string, modelFolders: string[], hubUrl?: string): Promise<Workstation> {
    const language = createLanguageSetup({
      launchInference: forkInferenceProcess,
      modelFolders: modelFolders.map((folder) => ({ path: folder, source: 'user' as const })),
      intentsFile: INTENTS,
      catalogFile: CATALOG,
      hubUrl,
      log: () => {},
    });
    const workstation = Workstation.open({ dbPath: path.join(dir, `${email}.sqlite`), relayUrl: relay.url, log: () => {}, language });
    open.push(workstation);
    await workstation.handlers['session.login']({ email, password: 'demo1234' });
    await waitFor('online', async () => (await workstation.handlers['session.get']({})).connection.state === 'online');
    return workstation;
  }

  async function spanishCustomer(text: string): Promise<{ customer: WebchatCustomer; conversationId: string }> {
    const customer = await WebchatCustomer.start(relay.url, 'Carmen Prueba', 'es-ES');
    customers.push(customer);
    customer.send(text);
    return { customer, conversationId: customer.conversationId as string };
  }

  it("translates a Spanish customer's message for an English agent once, and keeps it in the cache", async () => {
    const olivia = await signIn('olivia@demo.test', [models]);
    const { conversationId } = await spanishCustomer('¡Estoy harta! Mi pedido lleva una semana de retraso.');
    // The first translation starts the inference process and loads the model: slow on a busy machine.
    const message = await waitFor(
      'the translated message',
      async () => {
        const { messages } = await olivia.handlers['conversations.get']({ conversationId, before: null, limit: 50 });
        return messages.find((m) => m.author === 'customer' && m.translation);
      },
      30_000,
    );
    expect(message.translation).toMatchObject({ from: 'es', to: 'en', model: 'opus-mt-es-en' });
    expect(message.translation?.body.length).toBeGreaterThan(0);
    // The original stays the message body.
    expect(message.body).toBe('¡Estoy harta! Mi pedido lleva una semana de retraso.');

    // Asking again answers from the cache: the same text, without another model run.
    const again = await olivia.handlers['messages.translate']({ messageId: message.id });
    expect(again.translation).toEqual(message.translation);

    const { conversation } = await olivia.handlers['conversations.get']({ conversationId, before: null, limit: 1 });
    expect(conversation.insight).toMatchObject({ sentiment: 'negative' });
    expect(conversation.insight?.priority).toBeGreaterThan(0);
    // The upset customer's conversation heads the inbox.
    const inbox = await olivia.handlers['conversations.list']({ status: 'all', cursor: null, limit: 50 });
    expect(inbox.items[0]?.id).toBe(conversationId);
  });

  it('previews the reply in the customer language, and the customer gets the translated text', async () => {
    const olivia = await signIn('olivia@demo.test', [models]);
    const { customer, conversationId } = await spanishCustomer('Hola, ¿dónde está mi pedido?');
    await waitFor('the conversation at Olivia', async () => {
      const page = await olivia.handlers['conversations.list']({ status: 'all', cursor: null, limit: 50 });
      return page.items.find((c) => c.id === conversationId && c.assigneeId === 'agent-olivia');
    });
    const draft = 'Your order is on its way.';
    const preview = await olivia.handlers['translation.preview']({ conversationId, text: draft });
    expect(preview).toMatchObject({ unavailable: null, translation: { from: 'en', to: 'es', model: 'opus-mt-en-es' } });
    const translated = preview.translation?.body as string;
    await olivia.handlers['conversations.reply']({ conversationId, body: translated, original: { body: draft, language: 'en' } });
    await waitFor('the translated reply at the customer', () => customer.fromAgents().some((m) => m.body === translated));
    expect(JSON.stringify(customer.messages)).not.toContain(draft);
  });

  it('tells the routes its models translate, and sends a draft already in the customer language as written', async () => {
    const olivia = await signIn('olivia@demo.test', [models]);
    expect((await olivia.handlers['translation.routes']({})).routes).toEqual(expect.arrayContaining([{ source: 'es', target: 'en' }, { source: 'en', target: 'es' }]));
    const { conversationId } = await spanishCustomer('Hola, ¿dónde está mi pedido?');
    await waitFor('the conversation at Olivia', async () => {
      const page = await olivia.handlers['conversations.list']({ status: 'all', cursor: null, limit: 50 });
      return page.items.find((c) => c.id === conversationId && c.assigneeId === 'agent-olivia');
    });
    // Olivia writes English, but this draft is Spanish already: nothing to translate, nothing to confirm.
    const preview = await olivia.handlers['translation.preview']({ conversationId, text: 'Su pedido salió hoy de nuestro almacén y llegará el viernes.' });
    expect(preview).toMatchObject({ translation: null, unavailable: 'same-language' });
  });

  it('has no routes and no translation on a desk without models', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-models-'));
    try {
      const olivia = await signIn('olivia@demo.test', [empty]);
      expect((await olivia.handlers['translation.routes']({})).routes).toEqual([]);
      const customer = await WebchatCustomer.start(relay.url, 'Carmen Prueba', 'es-ES');
      customers.push(customer);
      customer.send('Hola, ¿dónde está mi pedido?');
      const conversationId = customer.conversationId as string;
      await waitFor('the conversation in the team queue', async () => (await olivia.handlers['conversations.list']({ status: 'all', cursor: null, limit: 50 })).items.find((c) => c.id === conversationId));
      const preview = await olivia.handlers['translation.preview']({ conversationId, text: 'Your order left our warehouse today.' });
      expect(preview).toMatchObject({ translation: null, unavailable: 'no-model' });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('answers in the language the customer actually writes, not the one their profile says', async () => {
    const olivia = await signIn('olivia@demo.test', [models]);
    // A customer whose browser says English writes in Spanish.
    const customer = await WebchatCustomer.start(relay.url, 'Diego Prueba', 'en-US');
    customers.push(customer);
    customer.send('Hola, quiero cambiar la dirección de entrega de mi pedido, por favor.');
    const conversationId = customer.conversationId as string;
    await waitFor('the message analysed', async () => {
      const { conversation } = await olivia.handlers['conversations.get']({ conversationId, before: null, limit: 1 }).catch(() => ({ conversation: null }));
      return conversation?.insight ?? undefined;
    });
    const preview = await olivia.handlers['translation.preview']({ conversationId, text: 'Of course, what is the new address?' });
    expect(preview.translation).toMatchObject({ from: 'en', to: 'es', model: 'opus-mt-en-es' });
  });

  it('translates what came before once the model is downloaded from the hub', async () => {
    const files = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
    const repo = Object.fromEntries(files.map((file) => [file, readFileSync(path.join(models, 'opus-mt-es-en', file))]));
    const hub = await startFakeHub({ 'Xenova/opus-mt-es-en': repo });
    const empty = mkdtempSync(path.join(tmpdir(), 'no-models-'));
    // No room for models: sign-in fetches nothing by itself, so the message arrives untranslated.
    writeBudget(empty, 0);
    try {
      const olivia = await signIn('olivia@demo.test', [empty], hub.url);
      const { conversationId } = await spanishCustomer('Mi pedido no ha llegado, ¿pueden ayudarme?');
      const customerMessage = async () => (await olivia.handlers['conversations.get']({ conversationId, before: null, limit: 50 })).messages.find((m) => m.author === 'customer');
      await waitFor('the message analysed', async () => (await olivia.handlers['conversations.get']({ conversationId, before: null, limit: 1 })).conversation.insight);
      expect((await customerMessage())?.translation ?? null).toBeNull();

      await olivia.handlers['models.setBudget']({ budgetBytes: 1_000_000_000 });
      await olivia.handlers['models.download']({ modelId: 'opus-mt-es-en' });
      await waitFor('the model installed', async () => (await olivia.handlers['models.list']({})).models.find((m) => m.id === 'opus-mt-es-en')?.state === 'installed');
      const translated = await waitFor('the earlier message translated', async () => (await customerMessage())?.translation ?? undefined);
      expect(translated).toMatchObject({ from: 'es', to: 'en', model: 'opus-mt-es-en' });
    } finally {
      await hub.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('says plainly when no model covers the pair, and still classifies without the embedding model', async () => {
    const onlyEnglishToSpanish = mkdtempSync(path.join(tmpdir(), 'few-models-'));
    writeTinyMarian(onlyEnglishToSpanish, 'opus-mt-en-es');
    try {
      const olivia = await signIn('olivia@demo.test', [onlyEnglishToSpanish]);
      const { conversationId } = await spanishCustomer('Quiero que me devuelvan el dinero');
      const conversation = await waitFor('the insight', async () => {
        const { conversation } = await olivia.handlers['conversations.get']({ conversationId, before: null, limit: 1 }).catch(() => ({ conversation: null }));
        return conversation?.insight ? conversation : undefined;
      });
      expect(conversation.insight).toMatchObject({ intent: 'refund', intentLabel: 'Refund' });
      const { messages } = await olivia.handlers['conversations.get']({ conversationId, before: null, limit: 50 });
      const message = messages.find((m) => m.author === 'customer');
      expect(message?.translation ?? null).toBeNull();
      const outcome = await olivia.handlers['messages.translate']({ messageId: message?.id as string });
      expect(outcome).toMatchObject({ translation: null, unavailable: 'no-model', detail: expect.stringContaining('es → en') });
    } finally {
      rmSync(onlyEnglishToSpanish, { recursive: true, force: true });
    }
  });
});
