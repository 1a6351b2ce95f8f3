import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Notice } from '../src-shared/api/contract.js';
import type { LoginResponse } from '../src-shared/protocol/auth.js';
import { createApiRouter } from '../src-main/core/api-router.js';
import { Workstation } from '../src-main/core/workstation.js';
import { startRelay, type RunningRelay } from '../src-relay/server.js';
import { tempDatabase, type TempDatabase } from '../src-relay/testing/test-relay.js';
import { waitFor } from './support/wait.js';
import { WebchatCustomer } from './support/webchat-customer.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Nothing listens here: a workstation opened against it is offline. */
const UNREACHABLE = 'http://127.0.0.1:9';

/**
 * The server decides (issue 3): a real relay and real workstation cores, where what an agent did
 * loses to what happened meanwhile, and the agent is told plainly.
 */
describe('the server decides, and the agent is told', () => {
  let dir: string;
  /** The relay's: SQLite, or a PostgreSQL schema under RELAY_TEST_STORAGE=postgres. */
  let database: TempDatabase;
  let relay: RunningRelay;
  const open: Workstation[] = [];
  const customers: WebchatCustomer[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'server-decides-'));
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

  function openCore(email: string, relayUrl: string): Workstation {
    const workstation = Workstation.open({ dbPath: path.join(dir, `${email}.sqlite`), relayUrl, log: () => undefined });
    open.push(workstation);
    return workstation;
  }

  async function signIn(email: string): Promise<Workstation> {
    const workstation = openCore(email, relay.url);
    await workstation.handlers['session.login']({ email, password: 'demo1234' });
    await online(workstation);
    return workstation;
  }

  async function online(workstation: Workstation): Promise<void> {
    await waitFor('online', async () => (await workstation.handlers['session.get']({})).connection.state === 'online');
  }

  async function closeCore(workstation: Workstation): Promise<void> {
    open.splice(open.indexOf(workstation), 1);
    await workstation.close();
  }

  async function notices(workstation: Workstation): Promise<Notice[]> {
    return (await workstation.handlers['notices.list']({})).notices;
  }

  async function conversationOf(workstation: Workstation, id: string) {
    const page = await workstation.handlers['conversations.list']({ status: 'all', cursor: null, limit: 200 });
    return page.items.find((c) => c.id === id);
  }

  /**
   * Mei writes no Thai and these desks have no translation model, so routing leaves a Thai
   * customer in the team queue (docs/routing.md): she takes the conversation herself.
   */
  async function takeFromQueue(workstation: Workstation, id: string, agentId: string) {
    await waitFor('the conversation in the team queue', () => conversationOf(workstation, id));
    await workstation.handlers['conversations.claim']({ conversationId: id });
    return waitFor('the conversation taken, as the relay decided', async () => {
      const c = await conversationOf(workstation, id);
      const settled = (await workstation.handlers['session.get']({})).connection.pendingCount === 0;
      return settled && c?.assigneeId === agentId ? c : undefined;
    });
  }

  async function customer(name: string, language: string): Promise<WebchatCustomer> {
    const c = await WebchatCustomer.start(relay.url, name, language);
    customers.push(c);
    return c;
  }

  async function adminLogin(): Promise<LoginResponse> {
    const response = await fetch(`${relay.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.test', password: 'demo1234' }),
    });
    return (await response.json()) as LoginResponse;
  }

  it('lets exactly one of two agents racing for a queued conversation win, and tells the other who did', async () => {
    const mei = await signIn('mei@demo.test');
    const somchai = await signIn('somchai@demo.test');
    // Both away: a new conversation waits in the team queue, where both see it.
    await mei.handlers['presence.set']({ presence: 'away' });
    await somchai.handlers['presence.set']({ presence: 'away' });
    await waitFor('both away at the relay', async () => (await mei.handlers['session.get']({})).connection.pendingCount === 0 && (await somchai.handlers['session.get']({})).connection.pendingCount === 0);
    const nok = await customer('Nok', 'th-TH');
    nok.send('ของยังไม่มาส่งเลยค่ะ');
    const id = nok.conversationId!;
    await waitFor('the queued conversation at both', async () => (await conversationOf(mei, id)) && (await conversationOf(somchai, id)));

    const [meiClaim, somchaiClaim] = await Promise.all([
      mei.handlers['conversations.claim']({ conversationId: id }),
      somchai.handlers['conversations.claim']({ conversationId: id }),
    ]);
    // Each sees it as theirs at once, before the relay has decided.
    expect(meiClaim.conversation.assigneeId).toBe('agent-mei');
    expect(somchaiClaim.conversation.assigneeId).toBe('agent-somchai');

    const pending = async (w: Workstation) => (await w.handlers['session.get']({})).connection.pendingCount;
    const winner = await waitFor('one assignee on both', async () => {
      if ((await pending(mei)) + (await pending(somchai)) > 0) return undefined;
      const [a, b] = [await conversationOf(mei, id), await conversationOf(somchai, id)];
      return a?.assigneeId && a.assigneeId === b?.assigneeId ? a.assigneeId : undefined;
    });
    expect(['agent-mei', 'agent-somchai']).toContain(winner);
    const loser = winner === 'agent-mei' ? somchai : mei;
    const winnerName = winner === 'agent-mei' ? 'Mei Chen' : 'Somchai Wongsakul';
    const told = await waitFor('the loser told', async () => (await notices(loser)).find((n) => n.kind === 'claim-lost'));
    expect(told).toMatchObject({ conversationId: id, customerName: 'Nok', otherAgentName: expect.stringContaining(winnerName.split(' ')[0]!) });
    const winnerCore = loser === mei ? somchai : mei;
    expect((await notices(winnerCore)).filter((n) => n.kind === 'claim-lost')).toEqual([]);

    // Dismissed, it is gone for good.
    await loser.handlers['notices.dismiss']({ noticeId: told.id });
    expect(await notices(loser), JSON.stringify(await notices(loser))).toEqual([]);
  });

  it('refuses a reply written offline to a conversation resolved meanwhile; the agent sends it again knowingly', async () => {
    const mei = await signIn('mei@demo.test');
    const sam = await signIn('sam@demo.test');
    const nok = await customer('Nok', 'th-TH');
    nok.send('ขอเปลี่ยนที่อยู่จัดส่งค่ะ');
    const id = nok.conversationId!;
    await takeFromQueue(mei, id, 'agent-mei');
    await waitFor('the conversation at Sam', () => conversationOf(sam, id));

    // Mei loses the network and answers anyway; her supervisor resolves it in the meantime.
    await closeCore(mei);
    const offline = openCore('mei@demo.test', UNREACHABLE);
    const { message } = await offline.handlers['conversations.reply']({ conversationId: id, body: 'แก้ไขที่อยู่ให้แล้วค่ะ' });
    await sam.handlers['conversations.setStatus']({ conversationId: id, status: 'resolved' });
    // After the resolve's undo window on Sam's desk (5 s).
    await waitFor('resolved at the relay', async () => (await sam.handlers['session.get']({})).connection.pendingCount === 0, 20_000);
    await closeCore(offline);

    const back = openCore('mei@demo.test', relay.url);
    const failed = await waitFor('the reply refused', async () => {
      const { messages } = await back.handlers['conversations.get']({ conversationId: id, before: null, limit: 50 });
      return messages.find((m) => m.id === message.id && m.delivery === 'failed');
    });
    expect(failed.deliveryError).toMatch(/resolved/);
    expect(await notices(back)).toEqual([expect.objectContaining({ kind: 'resolved-elsewhere', conversationId: id, customerName: 'Nok', messageId: message.id })]);
    expect(nok.fromAgents().map((m) => m.body)).not.toContain('แก้ไขที่อยู่ให้แล้วค่ะ');

    await back.handlers['messages.retry']({ messageId: message.id });
    await waitFor('the reply at the customer', () => nok.fromAgents().some((m) => m.body === 'แก้ไขที่อยู่ให้แล้วค่ะ'));
  });

  it('tells a colleague named in a note, and only them, even when the conversation is not theirs', async () => {
    const mei = await signIn('mei@demo.test');
    // A customer who writes Chinese goes to Mei at once, so Somchai's queue never held it.
    const nok = await customer('Nok', 'zh-CN');
    nok.send('我的包裹还没到');
    const id = nok.conversationId!;
    await waitFor('the conversation at Mei', async () => (await conversationOf(mei, id))?.assigneeId === 'agent-mei');
    const somchai = await signIn('somchai@demo.test');
    const hans = await signIn('hans@demo.test');
    const { colleagues } = await mei.handlers['colleagues.list']({});
    expect(colleagues.map((c) => c.id)).toEqual(expect.arrayContaining(['agent-somchai', 'agent-hans', 'agent-sam']));
    expect(colleagues.map((c) => c.id)).not.toContain('agent-mei');

    const body = '@Somchai Prasert can you read her earlier Thai voice note?';
    await mei.handlers['notes.add']({ conversationId: id, body, mentions: ['agent-somchai', 'agent-mei'] });
    await waitFor('the mention at Somchai', async () => (await notices(somchai)).some((n) => n.kind === 'mentioned'));
    expect((await notices(somchai)).find((n) => n.kind === 'mentioned')).toMatchObject({
      conversationId: id,
      customerName: 'Nok',
      otherAgentName: 'Mei Chen',
      detail: body,
    });
    // Somchai may read the note he was named in, not the rest of Mei's conversation.
    expect(await conversationOf(somchai, id)).toBeUndefined();
    await mei.handlers['notes.add']({ conversationId: id, body: 'A later note for the record', mentions: [] });
    await waitFor('the later note confirmed', async () => {
      const { messages } = await mei.handlers['conversations.get']({ conversationId: id, before: null, limit: 50 });
      return messages.every((m) => m.delivery === 'sent');
    });
    expect((await notices(hans)).filter((n) => n.kind === 'mentioned')).toEqual([]);
    expect((await notices(mei)).filter((n) => n.kind === 'mentioned')).toEqual([]);
  });

  it('refuses to mention someone the directory does not know, and keeps the draft', async () => {
    const mei = await signIn('mei@demo.test');
    const nok = await customer('Nok', 'th-TH');
    nok.send('สวัสดีค่ะ');
    const id = nok.conversationId!;
    await takeFromQueue(mei, id, 'agent-mei');
    await expect(mei.handlers['notes.add']({ conversationId: id, body: '@nobody', mentions: ['agent-nobody'] })).rejects.toThrow(/agent-nobody/);
  });

  it('keeps internal notes from the customer and shows them to the agent', async () => {
    const mei = await signIn('mei@demo.test');
    const nok = await customer('Nok', 'th-TH');
    nok.send('สวัสดีค่ะ');
    const id = nok.conversationId!;
    await takeFromQueue(mei, id, 'agent-mei');
    const { message: note } = await mei.handlers['notes.add']({ conversationId: id, body: 'Customer called twice; check the courier.', mentions: [] });
    expect(note).toMatchObject({ internal: true, delivery: 'pending' });
    await mei.handlers['conversations.reply']({ conversationId: id, body: 'กำลังตรวจสอบค่ะ' });
    await waitFor('the reply at the customer', () => nok.fromAgents().some((m) => m.body === 'กำลังตรวจสอบค่ะ'));
    const { messages } = await mei.handlers['conversations.get']({ conversationId: id, before: null, limit: 50 });
    expect(messages.find((m) => m.id === note.id)).toMatchObject({ internal: true, delivery: 'sent' });
    expect(nok.fromAgents().map((m) => m.body)).not.toContain('Customer called twice; check the courier.');
    // Nor did the note move the conversation's preview in the inbox.
    expect((await conversationOf(mei, id))?.lastMessagePreview).toBe('กำลังตรวจสอบค่ะ');
  });

  it('sends the customer the translated reply and keeps what the agent wrote in every transcript', async () => {
    const mei = await signIn('mei@demo.test');
    const sam = await signIn('sam@demo.test');
    const nok = await customer('Nok Translated', 'th-TH');
    nok.send('พัสดุของฉันอยู่ที่ไหน');
    const id = nok.conversationId!;
    await takeFromQueue(mei, id, 'agent-mei');
    const original = { body: 'Your parcel is with the courier.', language: 'en' };
    const { message } = await mei.handlers['conversations.reply']({ conversationId: id, body: 'พัสดุอยู่กับบริษัทขนส่งแล้วค่ะ', original });
    await waitFor('the reply at the customer', () => nok.fromAgents().some((m) => m.body === 'พัสดุอยู่กับบริษัทขนส่งแล้วค่ะ'));
    expect(JSON.stringify(nok.messages)).not.toContain(original.body);
    const atSam = await waitFor('the reply at the supervisor', async () => {
      const { messages } = await sam.handlers['conversations.get']({ conversationId: id, before: null, limit: 50 });
      return messages.find((m) => m.id === message.id);
    });
    expect(atSam).toMatchObject({ body: 'พัสดุอยู่กับบริษัทขนส่งแล้วค่ะ', original });
    const { messages } = await mei.handlers['conversations.get']({ conversationId: id, before: null, limit: 50 });
    expect(messages.find((m) => m.id === message.id)).toMatchObject({ delivery: 'sent', original });
  });

  it('brings the knowledge base to every workstation, searchable offline in any script', async () => {
    const somchai = await signIn('somchai@demo.test');
    const found = await waitFor('the articles at Somchai', async () => {
      const { hits } = await somchai.handlers['kb.search']({ query: 'เก็บเงินปลายทาง', limit: 5 });
      return hits.length > 0 ? hits : undefined;
    });
    expect(found[0]?.article).toMatchObject({ id: 'kb-th-cod', locale: 'th', version: 1, updatedByName: 'Sam Okafor' });
    await closeCore(somchai);
    const offline = openCore('somchai@demo.test', UNREACHABLE);
    const { hits } = await offline.handlers['kb.search']({ query: 'how long does a refund take', limit: 3 });
    expect(hits[0]?.article.id).toBe('kb-refund-times');
    const { article } = await offline.handlers['kb.article']({ articleId: 'kb-refund-times' });
    expect(article.body).toContain('original payment method');
  });

  it('lets a supervisor edit the knowledge base for everyone, and keeps an edit refused as stale', async () => {
    const sam = await signIn('sam@demo.test');
    const somchai = await signIn('somchai@demo.test');
    const admin = await signIn('admin@demo.test');
    const { article } = await waitFor('the article at Sam', () => sam.handlers['kb.article']({ articleId: 'kb-cod' }).catch(() => undefined));
    const { id: _id, version, updatedAt: _at, updatedByName: _by, ...draft } = article;
    await expect(somchai.handlers['kb.saveArticle']({ ...draft, articleId: 'kb-cod', baseVersion: version })).rejects.toMatchObject({ code: 'forbidden' });

    await sam.handlers['kb.saveArticle']({ ...draft, title: 'Cash on delivery (COD) — limits', articleId: 'kb-cod', baseVersion: version });
    await waitFor('the edit at Somchai', async () => (await somchai.handlers['kb.article']({ articleId: 'kb-cod' })).article.version === version + 1);
    expect((await somchai.handlers['kb.search']({ query: 'limits', limit: 3 })).hits[0]?.article.id).toBe('kb-cod');
    await waitFor('no draft left at Sam', async () => (await sam.handlers['kb.articleDraft']({ articleId: 'kb-cod' })).draft === null);

    // The admin edits from the old version: refused, and the text stays on the admin's workstation.
    await admin.handlers['kb.saveArticle']({ ...draft, body: 'My rewrite', articleId: 'kb-cod', baseVersion: version });
    const kept = await waitFor('the refusal at the admin', async () => {
      const { draft: stored } = await admin.handlers['kb.articleDraft']({ articleId: 'kb-cod' });
      return stored?.state === 'refused' ? stored : undefined;
    });
    expect(kept).toMatchObject({ draft: { body: 'My rewrite' }, reason: expect.stringContaining('Sam Okafor') });

    // A new article gets an id and reaches everyone.
    const { articleId } = await sam.handlers['kb.saveArticle']({ ...draft, title: 'Typhoon season in the Philippines', articleId: null, baseVersion: 0 });
    await waitFor('the new article at Somchai', () => somchai.handlers['kb.article']({ articleId }).catch(() => undefined));
  });

  it("labels a conversation for the team: shown at once, at the supervisor's after sync, usable as a filter", async () => {
    const mei = await signIn('mei@demo.test');
    const sam = await signIn('sam@demo.test');
    const nok = await customer('Nok Labels', 'th-TH');
    nok.send('ขอใบกำกับภาษีสำหรับบริษัทค่ะ');
    const id = nok.conversationId!;
    await takeFromQueue(mei, id, 'agent-mei');
    const { conversation } = await mei.handlers['conversations.setLabels']({ conversationId: id, labels: ['b2b', 'invoice', 'b2b'] });
    expect(conversation.labels).toEqual(['b2b', 'invoice']);
    await waitFor('the labels at Sam', async () => (await conversationOf(sam, id))?.labels?.includes('b2b'));
    const filtered = await sam.handlers['conversations.list']({ status: 'all', label: 'b2b', cursor: null, limit: 50 });
    expect(filtered.items.map((c) => c.id)).toEqual([id]);
    expect((await sam.handlers['conversations.list']({ status: 'all', label: 'vip', cursor: null, limit: 50 })).items).toEqual([]);
    const refused = await createApiRouter(mei.handlers).handle('conversations.setLabels', { conversationId: id, labels: ['<b>'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('a label is letters') } });
  });

  it('erases a customer from every workstation, and refuses a late reply with the reason', async () => {
    const mei = await signIn('mei@demo.test');
    const sam = await signIn('sam@demo.test');
    const nok = await customer('Nok Erase', 'th-TH');
    nok.send('กรุณาลบข้อมูลของฉัน');
    const id = nok.conversationId!;
    const conversation = await takeFromQueue(mei, id, 'agent-mei');
    await waitFor('the conversation at Sam', () => conversationOf(sam, id));

    await closeCore(mei);
    const offline = openCore('mei@demo.test', UNREACHABLE);
    await offline.handlers['conversations.reply']({ conversationId: id, body: 'ลบแล้วค่ะ' });
    await closeCore(offline);

    const admin = await adminLogin();
    const response = await fetch(`${relay.url}/api/admin/erasures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ customerId: conversation.customerId }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ conversationIds: [id], messages: 1 });

    await waitFor('gone from Sam', async () => (await conversationOf(sam, id)) === undefined);
    expect((await sam.handlers['messages.search']({ query: 'ลบข้อมูล', limit: 20 })).hits).toEqual([]);

    const back = openCore('mei@demo.test', relay.url);
    await online(back);
    await waitFor('gone from Mei', async () => (await conversationOf(back, id)) === undefined);
    const told = await notices(back);
    expect(told.some((n) => n.kind === 'erased' && n.conversationId === id)).toBe(true);
    // No notice keeps the erased customer's name.
    expect(JSON.stringify(told)).not.toContain('Nok Erase');
    expect(back.snapshot().outboxCount).toBe(0);
  });

  it('resyncs a workstation whose cursor is older than the retained log, and shows the progress', async () => {
    const mei = await signIn('mei@demo.test');
    const before = mei.snapshot();
    await closeCore(mei);

    // While Mei is away, a customer writes; then the relay restarts keeping almost no log.
    const nok = await customer('Nok', 'th-TH');
    const clientMessageId = nok.send('ยังรออยู่ค่ะ');
    const id = nok.conversationId!;
    await waitFor('the message stored', () => nok.messages.some((m) => m.clientMessageId === clientMessageId));
    for (const c of customers.splice(0)) c.close();
    await relay.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    relay = await startRelay({ dbPath: database.dbPath, logRetentionDays: 10 / DAY_MS });

    const back = openCore('mei@demo.test', relay.url);
    const seen: (number | null)[] = [];
    back.on('connection.changed', (connection) => seen.push(connection.resync?.total ?? null));
    await online(back);
    expect(seen.some((total) => total !== null && total > 0), JSON.stringify(seen)).toBe(true);
    const after = back.snapshot();
    expect(after.cursor).toBeGreaterThan(before.cursor);
    expect(after.conversations.map((c) => c.id)).toEqual(expect.arrayContaining(before.conversations.map((c) => c.id)));
    // Waiting in Mei's team queue, so hers to see: it came with the snapshot, message included.
    expect(after.conversations.some((c) => c.id === id)).toBe(true);
    expect(after.messages.some((m) => m.conversationId === id && m.body === 'ยังรออยู่ค่ะ')).toBe(true);
  });
});
