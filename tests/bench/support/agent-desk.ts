import { SocketClient } from '../../../src-relay/testing/socket-client.js';
import { TEST_PASSWORD } from '../../../src-relay/testing/test-relay.js';
import { RelayFrame, SYNC_PATH } from '../../../src-shared/protocol/sync.js';
import { signIn } from './sign-in.js';

/**
 * An agent's desk reduced to what the email bench needs: signed in over the sync socket, it
 * pushes mutations one at a time and waits for each ack. It never pulls (the relay's backlog of
 * thousands of imported conversations is not what is measured) and drops the frames it hears.
 */
export class AgentDesk {
  private mutationId = 0;

  private constructor(private readonly socket: SocketClient<RelayFrame>) {}

  static async signIn(relayUrl: string, email: string): Promise<AgentDesk> {
    const token = await signIn(relayUrl, email, TEST_PASSWORD);
    const socket = await SocketClient.open(relayUrl.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
    socket.send({ type: 'hello', token, clientId: `bench-${email}` });
    for (;;) if ((await socket.next()).type === 'welcome') break;
    return new AgentDesk(socket);
  }

  /** Pushes one mutation; resolves once acked, rejects when the relay refused it. */
  async push(body: Record<string, unknown>): Promise<void> {
    const mutationId = ++this.mutationId;
    this.socket.send({ type: 'push', mutations: [{ mutationId, createdAt: Date.now(), body }] });
    for (;;) {
      const frame = await this.socket.next();
      if (frame.type !== 'ack' || frame.lastMutationId < mutationId) continue;
      if (frame.rejections.length > 0) throw new Error(`the relay refused ${String(body.kind)}: ${JSON.stringify(frame.rejections)}`);
      return;
    }
  }

  close(): void {
    this.socket.close();
  }
}
