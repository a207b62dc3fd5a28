/**
 * With Bot Framework credentials, only a request carrying a valid channel token gets a turn. The token is
 * signed here with a local RSA key, and the bot reads the key set from a local OpenID metadata server
 * (the same documents login.botframework.com serves), so no internet is needed. Every refusal is a 401:
 * a malformed token without any key fetch, and any token while the keys cannot be fetched.
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { activity, newConversation, replyText, startApp, type Started } from './harness';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const KID = 'local-test-key';

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function signToken(key: KeyObject, claims: Record<string, unknown>, kid = KID): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = base64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${base64url(signature)}`;
}

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 10, iat: now - 10, exp: now + 3600, ...overrides };
}

/** The bot with credentials, reading its signing keys from a local metadata server that answers with `handle`. */
async function withMetadataServer(handle: (req: IncomingMessage, res: ServerResponse, port: number) => void): Promise<{ metadata: Server; s: Started }> {
  const metadata = createServer((req, res) => handle(req, res, (metadata.address() as AddressInfo).port));
  await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
  const { port } = metadata.address() as AddressInfo;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-for-incoming-requests',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: 'tenant',
    ToBotFromChannelOpenIdMetadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    ToBotFromChannelTokenIssuer: ISSUER,
  });
  const s = await startApp({ auth }, { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: 'tenant' });
  return { metadata, s };
}

describe('Bot Framework authentication (credentials set)', () => {
  let metadata: Server;
  let s: Started;
  // botframework-connector reports each refused token with console.error (with the whole key set): expected
  // here, so collected instead of printed, and checked at the end. Any other error line is still printed.
  const connectorErrors: string[] = [];
  beforeAll(() => {
    const print = console.error.bind(console);
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      const line = args.map(String).join(' ');
      if (/jwt|token/i.test(line)) connectorErrors.push(line);
      else print(...args);
    });
  });
  afterAll(() => {
    jest.restoreAllMocks();
  });

  beforeAll(async () => {
    ({ metadata, s } = await withMetadataServer((req, res, port) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `http://127.0.0.1:${port}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url === '/v1/.well-known/keys') {
        const jwk = keys.publicKey.export({ format: 'jwk' });
        res.end(JSON.stringify({ keys: [{ ...jwk, kid: KID, use: 'sig', endorsements: ['webchat', 'msteams'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    }));
  });

  afterAll(async () => {
    metadata.close();
    await s?.app.shutdown();
  });

  beforeEach(() => newConversation());

  async function postWith(authorization: string | undefined, overrides: Record<string, unknown> = {}) {
    const response = await fetch(`${s.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify(activity('hello', { serviceUrl: SERVICE_URL, ...overrides })),
    });
    const text = await response.text();
    return { status: response.status, json: JSON.parse(text || '{}') as Parameters<typeof replyText>[0] & { error?: string } };
  }

  it('serves a request with a valid token', async () => {
    const { status, json } = await postWith(`Bearer ${signToken(keys.privateKey, claims())}`);
    expect(status).toBe(200);
    expect(replyText(json)).toContain("I'm an automated helper");
  });

  it.each([
    ['no Authorization header', undefined],
    ['a scheme other than Bearer', `Basic ${base64url('user:pass')}`],
    ['a token that is not a JWT', 'Bearer not-a-token'],
    ['a token for another bot', `Bearer ${signToken(keys.privateKey, claims({ aud: 'another-app' }))}`],
    ['an expired token', `Bearer ${signToken(keys.privateKey, claims({ exp: Math.floor(Date.now() / 1000) - 3600 }))}`],
    ['a token from another issuer', `Bearer ${signToken(keys.privateKey, claims({ iss: 'https://evil.example' }))}`],
    ['a token signed with another key', `Bearer ${signToken(otherKeys.privateKey, claims())}`],
    ['a token for another service URL', `Bearer ${signToken(keys.privateKey, claims({ serviceurl: 'https://evil.example/' }))}`],
    ['a token with an unknown key id', `Bearer ${signToken(keys.privateKey, claims(), 'unknown-kid')}`],
  ])('refuses %s with 401, and runs no turn', async (_what, authorization) => {
    const { status, json } = await postWith(authorization);
    expect(status).toBe(401);
    expect(json).toEqual({ error: 'unauthorized' });
  });

  it('refuses a token whose key is not endorsed for the channel', async () => {
    const { status } = await postWith(`Bearer ${signToken(keys.privateKey, claims())}`, { channelId: 'slack' });
    expect(status).toBe(401);
  });

  it('refuses a tampered token', async () => {
    const [header, , signature] = signToken(keys.privateKey, claims()).split('.');
    const forged = base64url(JSON.stringify(claims({ aud: APP_ID, admin: true })));
    const { status } = await postWith(`Bearer ${header}.${forged}.${signature}`);
    expect(status).toBe(401);
  });

  it("collects the connector's own error lines for the refused tokens instead of printing them", () => {
    // Expired and malformed tokens are refused before the connector sees them (no key fetch, no line);
    // a well-formed token signed with an unknown key still reaches it, and its line is collected.
    expect(connectorErrors.some((line) => line.includes('jwt expired'))).toBe(false);
    expect(connectorErrors.some((line) => line.includes('Error finding key for token'))).toBe(true);
  });
});

describe('Bot Framework authentication when the signing keys cannot be fetched', () => {
  let metadata: Server;
  let fetches = 0;
  let s: Started;

  beforeAll(async () => {
    // Microsoft's key service, failing.
    ({ metadata, s } = await withMetadataServer((_req, res) => {
      fetches++;
      res.statusCode = 503;
      res.end('{}');
    }));
  });

  afterAll(async () => {
    await s.app.shutdown();
    metadata.close();
  });

  async function statusWith(authorization: string) {
    newConversation();
    const response = await fetch(`${s.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: authorization },
      body: JSON.stringify(activity('hello', { serviceUrl: SERVICE_URL })),
    });
    return response.status;
  }

  const part = (value: unknown) => base64url(JSON.stringify(value));
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['not a JWT', 'Bearer not-a-token'],
    ['parts that are not JSON', `Bearer ${base64url('{nope')}.${base64url('[1')}.sig`],
    ['no key id', `Bearer ${part({ alg: 'RS256' })}.${part(claims())}.sig`],
    ['an unsigned token', `Bearer ${part({ alg: 'none', kid: KID })}.${part(claims())}.sig`],
    ['a symmetric algorithm', `Bearer ${part({ alg: 'HS256', kid: KID })}.${part(claims())}.sig`],
    ['no issuer', `Bearer ${part({ alg: 'RS256', kid: KID })}.${part({ ...claims(), iss: undefined })}.sig`],
    ['an expired token', `Bearer ${part({ alg: 'RS256', kid: KID })}.${part(claims({ exp: now() - 3600 }))}.sig`],
    ['a huge header', `Bearer ${'a'.repeat(10_000)}.b.c`],
  ])('refuses %s with 401 without fetching any key', async (_what, authorization) => {
    expect(await statusWith(authorization)).toBe(401);
    expect(fetches).toBe(0);
  });

  it('refuses a well-formed token with 401 (not 500), fetching the keys once for many requests, and logs it once', async () => {
    const token = `Bearer ${signToken(keys.privateKey, claims())}`;
    const statuses = [await statusWith(token), ...(await Promise.all([1, 2, 3, 4].map(() => statusWith(token)))), await statusWith(token)];
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    expect(fetches).toBe(1);
    const warnings = s.logs.filter((line) => line.includes('could not fetch the Bot Framework signing keys'));
    expect(warnings).toHaveLength(1);
    expect(s.logs.join('')).not.toContain('request failed');
  });
});
