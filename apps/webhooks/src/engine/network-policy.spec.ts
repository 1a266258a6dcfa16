import { request } from 'undici';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDeliveryAgent } from './guarded-agent';
import { isForbiddenAddress, urlProblem } from './network-policy';

describe('network policy (SSRF)', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true], // cloud metadata
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fc00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true], // IPv4-mapped loopback
    ['8.8.8.8', false],
    ['2001:4860:4860::8888', false],
  ])('%s forbidden: %s', (address, forbidden) => {
    expect(isForbiddenAddress(address)).toBe(forbidden);
  });

  it('refuses http and private literals unless the settings allow them', () => {
    const strict = { allowHttp: false, allowPrivateNetworks: false };
    expect(urlProblem('http://example.com/', strict)).toMatch(/https/);
    expect(urlProblem('https://127.0.0.1/', strict)).toMatch(/private/);
    expect(urlProblem('https://[::1]/', strict)).toMatch(/private/);
    expect(urlProblem('https://localhost/', strict)).toMatch(/localhost/);
    expect(urlProblem('https://user:pw@example.com/', strict)).toMatch(/credentials/);
    expect(urlProblem('https://example.com/hook', strict)).toBeNull();
    expect(
      urlProblem('http://127.0.0.1:8080/', { allowHttp: true, allowPrivateNetworks: true }),
    ).toBeNull();
  });

  it('checks the resolved address at connection time: a name that resolves to loopback is refused', async () => {
    const server = createServer((_req, res) => res.end('reached'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as AddressInfo).port;
    const guarded = createDeliveryAgent(false);
    const open = createDeliveryAgent(true);
    try {
      await expect(request(`http://localhost:${port}/`, { dispatcher: guarded })).rejects.toThrow(
        /private or special address/,
      );
      const res = await request(`http://localhost:${port}/`, { dispatcher: open });
      expect(await res.body.text()).toBe('reached');
    } finally {
      await Promise.all([guarded.destroy(), open.destroy()]);
      server.close();
    }
  });
});
