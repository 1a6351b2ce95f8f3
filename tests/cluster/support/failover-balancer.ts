import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP balancer on a loopback port of its own that sends each new connection to the first node
 * of its list that accepts, so one client prefers one node and reconnects to the next when that
 * node dies, as behind HAProxy. `lastNode` says where the latest connection went.
 */
export class FailoverBalancer {
  lastNode: number | null = null;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(nodePorts: number[]): Promise<FailoverBalancer> {
    const holder: { balancer?: FailoverBalancer } = {};
    const server = createServer((client) => holder.balancer?.forward(client, nodePorts));
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
    holder.balancer = new FailoverBalancer(server, port);
    return holder.balancer;
  }

  private forward(client: Socket, nodePorts: number[]): void {
    this.track(client);
    client.pause();
    const attempt = (index: number) => {
      if (index >= nodePorts.length || client.destroyed) return client.destroy();
      const upstream = connect(nodePorts[index]!, '127.0.0.1');
      // Until it connects, an error means the node refuses: try the next one.
      upstream.once('error', () => attempt(index + 1));
      upstream.once('connect', () => {
        this.lastNode = nodePorts[index]!;
        this.track(upstream);
        upstream.removeAllListeners('error');
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
        client.once('error', () => upstream.destroy());
        upstream.once('error', () => client.destroy());
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
      });
    };
    attempt(0);
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
