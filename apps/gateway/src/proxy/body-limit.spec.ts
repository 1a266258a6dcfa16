import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { BodyLimitStream, BodyTooLargeError, bodyLimitFor } from './body-limit';

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
