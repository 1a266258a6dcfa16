import { pipeline } from 'node:stream/promises';
import { PassThrough, Readable, Writable } from 'node:stream';
import { BodyLimitStream, BodyTooLargeError, bodyLimitFor, streamBody } from './body-limit';

const sink = (): Writable => new Writable({ write: (_c, _e, done) => done() });
const limits = { defaultBytes: 10, photoBytes: 50 };

describe('body limits', () => {
  it('lets a body up to the limit through and fails the stream past it', async () => {
    await expect(
      pipeline(Readable.from([Buffer.alloc(6), Buffer.alloc(4)]), new BodyLimitStream(10), sink()),
    ).resolves.toBeUndefined();
    await expect(
      pipeline(Readable.from([Buffer.alloc(6), Buffer.alloc(5)]), new BodyLimitStream(10), sink()),
    ).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('gives only the photo upload its larger limit', () => {
    expect(bodyLimitFor('PUT', '/usuarios/v0.1/api/usuarios/abc/photo', limits)).toBe(50);
    expect(bodyLimitFor('POST', '/usuarios/v0.1/api/usuarios/abc/photo', limits)).toBe(10);
    expect(bodyLimitFor('PUT', '/usuarios/v0.1/api/usuarios/abc', limits)).toBe(10);
  });
});

describe('streaming a body to the service (streamBody)', () => {
  const collect = async (s: NodeJS.ReadableStream): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  it('passes a body within the limit through whole', async () => {
    const limited = new BodyLimitStream(10);
    streamBody(Readable.from([Buffer.from('hello '), Buffer.from('you')]), limited);
    expect((await collect(limited)).toString()).toBe('hello you');
  });

  it('fails the forwarded body when the caller goes away mid-upload', async () => {
    const caller = new PassThrough();
    const limited = new BodyLimitStream(100);
    streamBody(caller, limited);
    caller.write('part of it');
    const read = collect(limited);
    caller.destroy();
    await expect(read).rejects.toThrow(/closed the request/);
  });

  it('stops the upload once the body passes the limit', async () => {
    const caller = new PassThrough();
    const limited = new BodyLimitStream(4);
    streamBody(caller, limited);
    const read = collect(limited);
    caller.write('too long');
    await expect(read).rejects.toBeInstanceOf(BodyTooLargeError);
    await new Promise((r) => setImmediate(r));
    expect(caller.destroyed).toBe(true);
  });
});
