/**
 * Many instances, one conversation, for real: Azure Blob Storage emulated by Azurite (npm `azurite`,
 * started here on loopback, in memory, telemetry off). Two bot processes built as `npm start` runs them
 * share the store; a restart mid-flow loses nothing; overlapping writes are caught by eTag; and a store
 * that cannot be reached still gives the person 999 and 101.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { loadConfig } from '../../src/config';
import { makeStorage } from '../../src/storage/makeStorage';
import { projectRoot } from '../../src/projectRoot';
import { activity, newConversation, post, replyText, startApp } from './harness';
import { GatedStorage, run, startBotProcess, stop, waitFor } from './processes';

const root = projectRoot();
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const connectionString = (port: number) =>
  `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('shared conversation state in Azure Blob Storage (Azurite)', () => {
  let azurite: ReturnType<typeof run>;
  let port: number;
  let containers = 0;
  const blobEnv = () => ({ STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString(port), BLOB_CONTAINER: `conversations-${++containers}` });

  beforeAll(async () => {
    port = await freePort();
    azurite = run(join(root, 'node_modules', '.bin', 'azurite-blob'), ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--inMemoryPersistence', '--disableTelemetry', '--skipApiVersionCheck']);
    await waitFor(azurite, /successfully listens/);
  }, 30_000);

  afterAll(async () => {
    await stop(azurite);
  });

  const FLOW = [
    ['Report a hate crime', 'is anyone in danger'],
    ['No', 'Did this happen to you'],
    ['I saw it happen', 'comfortable reporting it to the police'],
    ['No', 'report-it.org.uk'],
  ] as const;

  async function say(url: string, text: string, conversation: string): Promise<string> {
    const { status, json } = await post(url, activity(text, { conversation: { id: conversation } as never }));
    expect(status).toBe(200);
    return replyText(json);
  }

  it('carries one conversation whose turns alternate between two processes', async () => {
    const env = blobEnv();
    const [a, b] = await Promise.all([startBotProcess(env), startBotProcess(env)]);
    try {
      for (const [i, [text, expected]] of FLOW.entries()) {
        expect(await say(i % 2 === 0 ? a.url : b.url, text, 'alternating')).toContain(expected);
      }
      expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
    } finally {
      await Promise.all([stop(a), stop(b)]);
    }
  }, 60_000);

  it('loses nothing when the process restarts mid-flow', async () => {
    const env = blobEnv();
    const first = await startBotProcess(env);
    try {
      expect(await say(first.url, 'Report a hate crime', 'restart')).toContain('is anyone in danger');
      expect(await say(first.url, 'No', 'restart')).toContain('Did this happen to you');
    } finally {
      await stop(first);
    }
    expect(await first.exited).toBe(0);
    const second = await startBotProcess(env);
    try {
      expect(await say(second.url, 'I saw it happen', 'restart')).toContain('comfortable reporting it to the police');
    } finally {
      await stop(second);
    }
  }, 60_000);

  it('detects two overlapping turns of one conversation (eTag) and keeps the winner', async () => {
    const env = blobEnv();
    const storage = new GatedStorage(new BlobsStorage(env.BLOB_CONNECTION_STRING, env.BLOB_CONTAINER));
    const s = await startApp({ storage });
    try {
      newConversation();
      expect(replyText((await post(s.url, activity('Report a hate crime'))).json)).toContain('is anyone in danger');
      storage.close();
      const both = [post(s.url, activity('No')), post(s.url, activity('Yes'))];
      for (let i = 0; i < 400 && storage.readsWaiting < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      storage.release();
      const texts = (await Promise.all(both)).map((r) => replyText(r.json));
      expect(texts.filter((t) => t.includes('something went wrong'))).toHaveLength(1);
      expect(s.logs.join('')).toContain('eTag conflict');
      const next = replyText((await post(s.url, activity('hello'))).json);
      expect(next).not.toContain('something went wrong');
    } finally {
      await s.app.shutdown();
    }
  }, 30_000);

  it('still gives 999 and 101 when the store cannot be reached, and reports not ready', async () => {
    const deadPort = await freePort();
    const config = loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString(deadPort), STORE_TIMEOUT_MS: '1000' });
    const s = await startApp({ storage: makeStorage(config) });
    try {
      newConversation();
      const { status, json } = await post(s.url, activity('Report a hate crime'));
      expect(status).toBe(200);
      expect(replyText(json)).toContain('999');
      expect(replyText(json)).toContain('101');
      const ready = await fetch(`${s.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ store: 'unreachable' });
    } finally {
      await s.app.shutdown();
    }
  }, 30_000);
});
