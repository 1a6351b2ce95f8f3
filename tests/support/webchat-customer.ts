import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { CHAT_FILES_PATH, FileUploaded } from '../../src-shared/protocol/files.js';
import { WEBCHAT_PATH, WebchatServerFrame, type WebchatMessage } from '../../src-shared/protocol/webchat.js';
import { waitFor } from './wait.js';

/** A customer on the web chat, speaking the widget's wire protocol to a real relay. */
export class WebchatCustomer {
  readonly messages: WebchatMessage[] = [];
  conversationId: string | null = null;
  visitorToken: string | null = null;
  private socket: WebSocket | null = null;

  private constructor(
    private readonly relayUrl: string,
    readonly name: string,
    readonly language: string,
  ) {}

  static async start(relayUrl: string, name: string, language: string): Promise<WebchatCustomer> {
    const customer = new WebchatCustomer(relayUrl, name, language);
    await customer.connect();
    return customer;
  }

  async connect(): Promise<void> {
    const socket = new WebSocket(this.relayUrl.replace(/^http/, 'ws') + WEBCHAT_PATH);
    this.socket = socket;
    socket.on('message', (raw) => this.receive(String(raw)));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    this.conversationId = null;
    socket.send(JSON.stringify({ type: 'hello', name: this.name, language: this.language, visitorToken: this.visitorToken ?? undefined }));
    await waitFor('the web chat to be ready', () => this.conversationId !== null);
  }

  send(body: string, clientMessageId: string = randomUUID()): string {
    this.socket?.send(JSON.stringify({ type: 'send', clientMessageId, body }));
    return clientMessageId;
  }

  /** Uploads a file as the chat page does, then sends a message that carries it. */
  async sendFile(bytes: Uint8Array, name: string, caption = name): Promise<FileUploaded> {
    const response = await fetch(`${this.relayUrl}${CHAT_FILES_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.visitorToken ?? ''}`, 'x-file-name': encodeURIComponent(name), connection: 'close' },
      body: new Uint8Array(bytes),
    });
    if (response.status !== 201) throw new Error(`the relay refused ${name}: HTTP ${response.status} ${await response.text()}`);
    const uploaded = FileUploaded.parse(await response.json());
    this.socket?.send(JSON.stringify({ type: 'send', clientMessageId: randomUUID(), body: caption, attachments: [uploaded.fileId] }));
    return uploaded;
  }

  fromAgents(): WebchatMessage[] {
    return this.messages.filter((m) => m.author === 'agent');
  }

  close(): void {
    this.socket?.close();
  }

  private receive(raw: string): void {
    const frame = WebchatServerFrame.parse(JSON.parse(raw));
    if (frame.type === 'ready') {
      this.conversationId = frame.conversationId;
      this.visitorToken = frame.visitorToken;
      for (const message of frame.messages) this.remember(message);
    } else if (frame.type === 'message') {
      this.remember(frame.message);
    }
  }

  private remember(message: WebchatMessage): void {
    if (!this.messages.some((m) => m.id === message.id)) this.messages.push(message);
  }
}
