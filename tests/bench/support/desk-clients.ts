import WebSocket from 'ws';
import { EventsFrame } from '../../../src-shared/protocol/sync.js';
import { scanEventsFrame, isEventsFrame, isPresenceFrame, type EventsHeader } from './events-frame.js';
import { LatencyHistogram } from './latency-histogram.js';
import { signIn } from './sign-in.js';
import { atMost } from './at-most.js';

/**
 * Many desks in one process (forked with an IPC channel by the cluster bench), each a sync client
 * as the workstation is one: hello, pull to live, apply a frame only if its `from` is the cursor,
 * pull on a gap. Most desks read only the frame's header and seqs; sample desks decode every
 * frame in full, time commit -> applied (Date.now() - event.at), and push a note now and then,
 * timing push -> ack. Every desk keeps the seqs it applied, for the parent to check against the log.
 *
 * Parent -> child: {type:'start', desks, password, pushEveryMs (0: no pushes)}, {type:'go'}, {type:'stop'}.
 * Child -> parent: {type:'ready', live}, then {type:'result', ...DeskClientsResult}.
 */

export interface DeskPlan {
  agentId: string;
  role: 'agent' | 'supervisor' | 'admin';
  email: string;
  url: string;
  sample: boolean;
}
type ParentMessage = { type: 'start'; desks: DeskPlan[]; password: string; pushEveryMs: number } | { type: 'go' } | { type: 'stop' };

export interface DeskDeliveries {
  agentId: string;
  /** The head when the desk said hello: it checks events after this one. */
  start: number;
  seqs: number[];
}
export interface DeskClientsResult {
  type: 'result';
  desks: DeskDeliveries[];
  fanout: [number, number][];
  pushAck: [number, number][];
  pushRejected: number;
  gaps: number;
  cutOff: number;
  relayErrors: string[];
  cpuMicros: number;
  presenceFrames: number;
  /** Events frames received while measuring, and their bytes: what the relay wrote to these desks. */
  frames: number;
  bytes: number;
}

/** Hellos under way at once, per process: each costs the relay a frame per colleague (presence). */
const CONNECTING_AT_ONCE = 100;
const fanout = new LatencyHistogram();
const pushAck = new LatencyHistogram();
let measuring = false;
let pushEveryMs = 5000;
let pushRejected = 0;
let gaps = 0;
let cutOff = 0;
let presenceFrames = 0;
let frames = 0;
let bytes = 0;
const relayErrors: string[] = [];
const desks: Desk[] = [];

class Desk {
  private readonly socket: WebSocket;
  start = 0;
  private cursor = 0;
  /** The cursor a gap's pull was sent from, so one gap asks once. */
  private pulledFrom = -1;
  private live = false;
  readonly seqs: number[] = [];
  private lastMutationId = 0;
  /** A conversation this desk may write a note on (sample desks only). */
  private conversationId: string | null = null;
  private pushing: { mutationId: number; sentAt: number } | null = null;
  private pushTimer: NodeJS.Timeout | null = null;
  readonly ready: Promise<void>;

  constructor(
    readonly plan: DeskPlan,
    token: string,
    private readonly clientId: string,
  ) {
    this.socket = new WebSocket(`${plan.url.replace(/^http/, 'ws')}/sync`);
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${plan.email} did not go live within 120 s`)), 120_000);
      this.socket.on('open', () => this.send({ type: 'hello', token, clientId }));
      this.socket.on('message', (raw: Buffer) => {
        try {
          if (this.receive(raw)) {
            clearTimeout(timer);
            resolve();
          }
        } catch (error) {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      this.socket.on('close', (code) => {
        if (measuring) cutOff += 1;
        clearTimeout(timer);
        reject(new Error(`${plan.email}: socket closed (${code})`));
      });
      this.socket.on('error', () => undefined);
    });
    this.ready.catch(() => undefined);
  }

  private send(frame: unknown): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** True when this frame made the desk live. */
  private receive(raw: Buffer): boolean {
    if (isPresenceFrame(raw)) {
      presenceFrames += 1;
      return false;
    }
    if (isEventsFrame(raw)) {
      if (measuring) {
        frames += 1;
        bytes += raw.length;
      }
      return this.plan.sample ? this.decode(raw) : this.apply(scanEventsFrame(raw) ?? headerOf(JSON.parse(raw.toString()))) === 'live';
    }
    const frame = JSON.parse(raw.toString()) as { type: string; headSeq?: number; lastMutationId?: number; rejections?: unknown[]; message?: string };
    if (frame.type === 'welcome') {
      // History is not what is measured: start at the head, and pull once to go live.
      this.start = this.cursor = frame.headSeq ?? 0;
      this.lastMutationId = frame.lastMutationId ?? 0;
      this.send({ type: 'pull', cursor: this.cursor });
    } else if (frame.type === 'ack') this.acked(frame.lastMutationId ?? 0, frame.rejections?.length ?? 0);
    else if (frame.type === 'error' || frame.type === 'reset') relayErrors.push(`${this.plan.email}: ${raw.toString().slice(0, 300)}`);
    return false;
  }

  /** A sample desk parses and validates the frame as the workstation does, and times each event it applies. */
  private decode(raw: Buffer): boolean {
    const frame = EventsFrame.parse(JSON.parse(raw.toString()));
    const appliedAt = Date.now();
    const outcome = this.apply(headerOf(frame));
    if (outcome === 'gap') return false;
    for (const event of frame.events) {
      if (measuring) fanout.add(appliedAt - event.at);
      const data = event.data;
      if (data.type === 'conversation.upserted' && (this.plan.role !== 'agent' || data.conversation.assigneeId === this.plan.agentId)) {
        this.conversationId = data.conversation.id;
      }
    }
    return outcome === 'live';
  }

  /** As the workstation does: a frame that does not start at the cursor is left, and the gap pulled. */
  private apply(frame: EventsHeader): 'gap' | 'applied' | 'live' {
    if (frame.from !== this.cursor) {
      gaps += 1;
      if (this.pulledFrom !== this.cursor) {
        this.pulledFrom = this.cursor;
        this.send({ type: 'pull', cursor: this.cursor });
      }
      return 'gap';
    }
    for (const seq of frame.seqs) this.seqs.push(seq);
    this.cursor = frame.to;
    if (frame.hasMore) {
      this.pulledFrom = this.cursor;
      this.send({ type: 'pull', cursor: this.cursor });
      return 'applied';
    }
    if (this.live) return 'applied';
    this.live = true;
    return 'live';
  }

  startPushing(): void {
    if (!this.plan.sample || pushEveryMs === 0) return;
    const push = () => {
      if (!this.conversationId || this.pushing) return;
      const mutationId = ++this.lastMutationId;
      const body = { kind: 'note.add', conversationId: this.conversationId, messageId: `${this.clientId}-n${mutationId}`, body: `Bench note ${mutationId}` };
      this.pushing = { mutationId, sentAt: performance.now() };
      this.send({ type: 'push', mutations: [{ mutationId, createdAt: Date.now(), body }] });
    };
    // Spread over the period, so the sample's pushes do not all land at once.
    this.pushTimer = setTimeout(() => {
      push();
      this.pushTimer = setInterval(push, pushEveryMs);
    }, Math.random() * pushEveryMs);
  }

  stopPushing(): void {
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = null;
  }

  get pushInFlight(): boolean {
    return this.pushing !== null;
  }

  private acked(lastMutationId: number, rejected: number): void {
    if (!this.pushing || lastMutationId < this.pushing.mutationId) return;
    pushAck.add(performance.now() - this.pushing.sentAt);
    pushRejected += rejected;
    this.pushing = null;
  }

  close(): void {
    this.socket.terminate();
  }
}

function headerOf(frame: { from: number; to: number; hasMore: boolean; events: { seq: number }[] }): EventsHeader {
  return { from: frame.from, to: frame.to, hasMore: frame.hasMore, seqs: frame.events.map((event) => event.seq) };
}

function send(message: unknown): void {
  process.send?.(message);
}

async function start(plans: DeskPlan[], password: string): Promise<void> {
  const started = performance.now();
  const elapsed = () => `${Math.round(performance.now() - started)} ms`;
  // A few at a time: the relay checks a password hash per login.
  const tokens = await atMost(25, plans, (plan) => signIn(plan.url, plan.email, password));
  console.log(`[desks ${process.pid}] ${tokens.length} signed in over HTTP in ${elapsed()}`);
  const run = `${process.pid}-${Date.now().toString(36)}`;
  let live = 0;
  await atMost(CONNECTING_AT_ONCE, plans, async (plan, i) => {
    const desk = new Desk(plan, tokens[i]!, `bench-${run}-${i}`);
    desks.push(desk);
    await desk.ready;
    if (++live % 250 === 0) console.log(`[desks ${process.pid}] ${live} of ${plans.length} live after ${elapsed()}`);
  });
  send({ type: 'ready', live: desks.length });
}

let cpuAtGo = process.cpuUsage();

async function stop(): Promise<void> {
  measuring = false;
  for (const desk of desks) desk.stopPushing();
  const deadline = Date.now() + 10_000;
  while (desks.some((desk) => desk.pushInFlight) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const cpu = process.cpuUsage(cpuAtGo);
  const result: DeskClientsResult = {
    type: 'result',
    desks: desks.map((desk) => ({ agentId: desk.plan.agentId, start: desk.start, seqs: desk.seqs })),
    fanout: fanout.pairs(),
    pushAck: pushAck.pairs(),
    pushRejected,
    gaps,
    cutOff,
    relayErrors: relayErrors.slice(0, 20),
    cpuMicros: cpu.user + cpu.system,
    presenceFrames,
    frames,
    bytes,
  };
  for (const desk of desks) desk.close();
  // Exits once the (large) result is handed to the channel.
  process.send?.(result, () => process.exit(0));
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'start') {
    pushEveryMs = message.pushEveryMs;
    start(message.desks, message.password).catch((error: unknown) => send({ type: 'failed', message: String(error) }));
  } else if (message.type === 'go') {
    cpuAtGo = process.cpuUsage();
    measuring = true;
    for (const desk of desks) desk.startPushing();
  } else {
    stop().catch((error: unknown) => send({ type: 'failed', message: String(error) }));
  }
});
// The bench going away ends this process too.
process.on('disconnect', () => process.exit(0));
