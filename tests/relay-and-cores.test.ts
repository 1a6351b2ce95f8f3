import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workstation } from '../src-main/core/workstation.js';
import { startRelay, type RunningRelay } from '../src-relay/server.js';
import { tempDatabase, type TempDatabase } from '../src-relay/testing/test-relay.js';
import { waitFor } from './support/wait.js';
import { WebchatCustomer } from './support/webchat-customer.js';

/** The relay and two workstation cores in one Node process, talking over real sockets. */
describe('relay + two cores', () => {
  let dir: string;
  /** The relay's: SQLite, or a PostgreSQL schema under RELAY_TEST_STORAGE=postgres. */
  let database: TempDatabase;
  let relay: RunningRelay;
  const open: Workstation[] = [];
  const customers: WebchatCustomer[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'relay-cores-'));
    database = await tempDatabase();
    relay = await startRelay({ dbPath: database.dbPath, seedDemo: true });
  });

  afterEach(async () => {
    for (const customer of customers.splice(0)) customer.close();
    for (const workstation of open.splice(0)) await workstation.close();
    await relay.close();
    await database.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(email: string, relayUrl = relay.url): Promise<Workstation> {
    const workstation = Workstation.open({ dbPath: path.join(dir, `${email}.sqlite`), relayUrl });
    open.push(workstation);
    await workstation.handlers['session.login']({ email, password: 'demo1234' });
    await waitFor(`${email} online`, async () => (await workstation.handlers['session.get']({})).connection.state === 'online');
    return workstation;
  }

  async function customer(name: string, language: string): Promise<WebchatCustomer> {
    const c = await WebchatCustomer.start(relay.url, name, language);
    customers.push(c);
    return c;
  }

  const hasConversation = async (w: Workstation, id: string): Promise<boolean> =>
    (await w.handlers['conversations.list']({ status: 'all', cursor: null, limit: 200 })).items.some((c) => c.id === id);

  async function bodies(w: Workstation, conversationId: string): Promise<string[]> {
    const { messages } = await w.handlers['conversations.get']({ conversationId, before: null, limit: 200 });
    return messages.map((m) => m.body);
  }

  it('delivers a customer message only to the assigned agent, and the reply back to the customer', async () => {
    const mei = await signIn('mei@demo.test');
    const somchai = await signIn('somchai@demo.test');
    const nok = await customer('Nok', 'th-TH');
    nok.send('สินค้าถูกส่งไปผิดที่อยู่ค่ะ');
    const id = nok.conversationId!;

    const [assigned, other] = await waitFor('the conversation to reach one agent', async () => {
      if (await hasConversation(mei, id)) return [mei, somchai] as const;
      if (await hasConversation(somchai, id)) return [somchai, mei] as const;
      return undefined;
    });
    await waitFor('the message in the thread', async () => (await bodies(assigned, id)).includes('สินค้าถูกส่งไปผิดที่อยู่ค่ะ'));

    await assigned.handlers['conversations.reply']({ conversationId: id, body: 'ขออภัยค่ะ เราจะแก้ไขที่อยู่ให้ทันที' });
    await waitFor('the reply at the customer', () => nok.fromAgents().some((m) => m.body === 'ขออภัยค่ะ เราจะแก้ไขที่อยู่ให้ทันที'));

    // The other agent of the same team never saw any of it.
    expect(await hasConversation(other, id)).toBe(false);
    const hits = await other.handlers['messages.search']({ query: 'ที่อยู่', limit: 20 });
    expect(hits.hits.filter((h) => h.conversation.id === id)).toEqual([]);
  });

  it('fills the gap of events it missed while it was closed', async () => {
    const agents = { 'mei@demo.test': await signIn('mei@demo.test'), 'somchai@demo.test': await signIn('somchai@demo.test') };
    const li = await customer('Li Wei', 'zh-CN');
    li.send('我的订单还没到');
    const id = li.conversationId!;
    const email = await waitFor('assignment', async () => {
      for (const [name, w] of Object.entries(agents)) if (await hasConversation(w, id)) return name;
      return undefined;
    });
    await waitFor('the first message', async () => (await bodies(agents[email as keyof typeof agents], id)).length === 1);

    const closed = agents[email as keyof typeof agents];
    await closed.close();
    open.splice(open.indexOf(closed), 1);
    li.send('请尽快回复');
    li.send('订单号 8841');
    const back = Workstation.open({ dbPath: path.join(dir, `${email}.sqlite`), relayUrl: relay.url });
    open.push(back);

    await waitFor('the missed messages', async () => (await bodies(back, id)).length === 3);
    expect(await bodies(back, id)).toEqual(['我的订单还没到', '请尽快回复', '订单号 8841']);
  });

  it('shows one state to the same agent signed in on two machines', async () => {
    const laptop = await signIn('mei@demo.test');
    const desktop = Workstation.open({ dbPath: path.join(dir, 'mei-desktop.sqlite'), relayUrl: relay.url });
    open.push(desktop);
    await desktop.handlers['session.login']({ email: 'mei@demo.test', password: 'demo1234' });
    const li = await customer('Li Wei', 'zh-CN');
    li.send('请问退货地址是哪里？');
    const id = li.conversationId!;
    await waitFor('the conversation on both machines', async () => (await hasConversation(laptop, id)) && (await hasConversation(desktop, id)));

    await laptop.handlers['conversations.reply']({ conversationId: id, body: '从笔记本回复' });
    await desktop.handlers['conversations.reply']({ conversationId: id, body: '从台式机回复' });
    await desktop.handlers['conversations.setStatus']({ conversationId: id, status: 'pending' });
    await waitFor('both replies at the customer', () => li.fromAgents().length === 2);

    const settled = (w: Workstation) => {
      const { outboxCount, conversations, messages } = w.snapshot();
      const shown = messages.filter((m) => m.conversationId === id);
      return outboxCount === 0 && shown.length === 3 && shown.every((m) => m.delivery === 'sent') && conversations.find((c) => c.id === id)?.status === 'pending';
    };
    await waitFor('both machines to settle', () => settled(laptop) && settled(desktop));
    const view = (w: Workstation) => ({
      conversations: w.snapshot().conversations.map((c) => [c.id, c.status, c.assigneeId]),
      messages: w.snapshot().messages.map((m) => [m.id, m.body, m.delivery]),
    });
    expect(view(desktop)).toEqual(view(laptop));
  });

  it('keeps replies written while the relay is down and delivers them once, in order', async () => {
    const mei = await signIn('mei@demo.test');
    const li = await customer('Li Wei', 'zh-CN');
    li.send('你好');
    const id = li.conversationId!;
    await waitFor('the conversation at mei', () => hasConversation(mei, id));

    const port = relay.port;
    const { dbPath } = database;
    await relay.close();
    await waitFor('mei to notice the outage', async () => (await mei.handlers['session.get']({})).connection.state !== 'online');

    for (const body of ['第一', '第二', '第三']) {
      await mei.handlers['conversations.reply']({ conversationId: id, body });
    }
    const pending = await mei.handlers['conversations.get']({ conversationId: id, before: null, limit: 50 });
    expect(pending.messages.filter((m) => m.author === 'agent').map((m) => [m.body, m.delivery])).toEqual([
      ['第一', 'pending'],
      ['第二', 'pending'],
      ['第三', 'pending'],
    ]);

    relay = await startRelay({ dbPath, port });
    li.close();
    await li.connect();
    await waitFor('the outbox to empty', async () => (await mei.handlers['session.get']({})).connection.pendingCount === 0 && (await mei.handlers['session.get']({})).connection.state === 'online', 20_000);
    await waitFor('three replies at the customer', () => li.fromAgents().length >= 3);
    expect(li.fromAgents().map((m) => m.body)).toEqual(['第一', '第二', '第三']);
    const delivered = await mei.handlers['conversations.get']({ conversationId: id, before: null, limit: 50 });
    expect(delivered.messages.filter((m) => m.author === 'agent').map((m) => m.delivery)).toEqual(['sent', 'sent', 'sent']);
  });
});
