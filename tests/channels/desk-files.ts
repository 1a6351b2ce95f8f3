import { DESK_FILES_PATH, FileUploaded } from '../../src-shared/protocol/files.js';
import type { MessageAttachment } from '../../src-shared/domain/model.js';
import { login } from '../../src-relay/testing/test-relay.js';

/** A desk's file calls, as the core makes them: upload with the agent's token, download by id. */
export class DeskFiles {
  private constructor(
    private readonly relayUrl: string,
    private readonly token: string,
  ) {}

  static async signIn(relayUrl: string, email: string): Promise<DeskFiles> {
    return new DeskFiles(relayUrl, (await login(relayUrl, email)).token);
  }

  /** The attachment a reply names, as the relay recorded the upload. */
  async upload(bytes: Buffer, name: string, kind: MessageAttachment['kind']): Promise<MessageAttachment> {
    const response = await fetch(`${this.relayUrl}${DESK_FILES_PATH}`, {
      method: 'POST',
      // Not kept alive: the relay's close would wait on an idle connection.
      headers: { authorization: `Bearer ${this.token}`, 'x-file-name': encodeURIComponent(name), connection: 'close' },
      body: new Uint8Array(bytes),
    });
    if (response.status !== 201) throw new Error(`upload of ${name}: HTTP ${response.status} ${await response.text()}`);
    return { ...FileUploaded.parse(await response.json()), kind };
  }

  async download(fileId: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const response = await fetch(`${this.relayUrl}${DESK_FILES_PATH}/${fileId}`, { headers: { authorization: `Bearer ${this.token}`, connection: 'close' } });
    return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  }
}
