/**
 * The conversation store chosen by configuration, and how to tell whether it is reachable.
 * Blob storage is loaded only when configured (it brings @azure/storage-blob).
 */
import type { Storage } from 'botbuilder';
import type * as AzureBlobs from 'botbuilder-azure-blobs';
import type { Config } from '../config';
import { ExpiringMemoryStorage } from './expiringMemoryStorage';
import { TimeoutStorage } from './timeoutStorage';

export function makeStorage(config: Pick<Config, 'storage' | 'idleMinutes' | 'storeTimeoutMs'>): Storage {
  const { storage } = config;
  if (storage.kind === 'memory') {
    return new ExpiringMemoryStorage({ idleMs: config.idleMinutes * 60_000, maxEntries: storage.maxConversations, maxBytes: storage.maxBytes });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BlobsStorage } = require('botbuilder-azure-blobs') as typeof AzureBlobs;
  const blobs = new BlobsStorage(storage.connectionString, storage.container, {
    // Fail within the store time limit rather than retrying for a minute while the person waits.
    storagePipelineOptions: { retryOptions: { maxTries: 2, tryTimeoutInMs: config.storeTimeoutMs } },
  });
  return new TimeoutStorage(blobs, config.storeTimeoutMs);
}

/** The key the readiness probe reads: never written, so reading it only proves the store answers. */
const PROBE_KEY = 'healthz/probe';

export async function storeReachable(storage: Storage): Promise<boolean> {
  try {
    await storage.read([PROBE_KEY]);
    return true;
  } catch {
    return false;
  }
}
