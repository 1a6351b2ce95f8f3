import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMailImages } from './mail-images.js';

const GIF = Buffer.from('R0lGODlhAQABAAAAACw=', 'base64');

describe("a mail's remote images, fetched when the agent asks", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/pixel.gif') return response.writeHead(200, { 'content-type': 'image/gif' }).end(GIF);
      if (request.url === '/page') return response.writeHead(200, { 'content-type': 'text/html' }).end('<script>1</script>');
      if (request.url === '/huge.png') return response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(3 * 1024 * 1024));
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('come back as data: URLs when they are images of a sane size, and as null otherwise', async () => {
    const images = await fetchMailImages([`${base}/pixel.gif`, `${base}/page`, `${base}/huge.png`, `${base}/missing.gif`, 'file:///etc/passwd', `http://user:pw@127.0.0.1:1/x.gif`]);
    expect(images).toEqual({
      [`${base}/pixel.gif`]: `data:image/gif;base64,${GIF.toString('base64')}`,
      [`${base}/page`]: null,
      [`${base}/huge.png`]: null,
      [`${base}/missing.gif`]: null,
      'file:///etc/passwd': null,
      'http://user:pw@127.0.0.1:1/x.gif': null,
    });
  });
});
