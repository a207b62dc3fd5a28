/**
 * Bot Framework tokens, before and around botbuilder's own validation (which still decides):
 * - a header that cannot be a channel token (not "Bearer" and three base64url parts of JSON, no key id,
 *   an algorithm other than RS256/384/512, no issuer, expired) is refused at once, with no key fetch;
 * - Microsoft's signing keys are fetched at most once at a time, within a time limit, and after a
 *   failed fetch not again for a minute (botbuilder would fetch again for every request), keeping the
 *   keys it had; meanwhile tokens are refused with 401, not 500.
 */
import type { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';
import * as openIdMetadataModule from 'botframework-connector/lib/auth/openIdMetadata';

/** botbuilder allows five minutes of clock skew; so do we. */
const CLOCK_SKEW_SECONDS = 300;
const MAX_HEADER_CHARS = 8192;

function jsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an Authorization header could hold a valid, unexpired channel token (it is not verified here). */
export function couldBeChannelToken(header: string, nowSeconds = Date.now() / 1000): boolean {
  if (header.length > MAX_HEADER_CHARS) return false;
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header);
  if (!match) return false;
  const head = jsonPart(match[1]!);
  const claims = jsonPart(match[2]!);
  return (
    head !== undefined &&
    claims !== undefined &&
    typeof head.kid === 'string' &&
    /^RS(256|384|512)$/.test(String(head.alg)) &&
    typeof claims.iss === 'string' &&
    typeof claims.exp === 'number' &&
    claims.exp + CLOCK_SKEW_SECONDS > nowSeconds
  );
}

/** After a failed fetch of the signing keys, how long until the next try. */
export const KEY_RETRY_MS = 60_000;
/** How long one fetch (metadata, then keys) may take. */
export const KEY_FETCH_TIMEOUT_MS = 5_000;

type Refreshable = { refreshCache(): Promise<void> };
const failureListeners = new Set<(error: unknown) => void>();
let patched = false;

/**
 * Makes botbuilder's signing-key cache (OpenIdMetadata, one per metadata URL, process-wide) fetch at
 * most once at a time, within KEY_FETCH_TIMEOUT_MS, and not again for KEY_RETRY_MS after a failure;
 * `listener` is told of each failed try. Returns a function that stops telling it.
 */
export function throttleSigningKeyRefresh(listener: (error: unknown) => void): () => void {
  failureListeners.add(listener);
  if (!patched) {
    patched = true;
    const prototype = openIdMetadataModule.OpenIdMetadata.prototype as unknown as Refreshable;
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const fetchKeys = prototype.refreshCache;
    const state = new WeakMap<OpenIdMetadata, { pending?: Promise<void>; retryAt: number }>();
    prototype.refreshCache = function (this: OpenIdMetadata & Refreshable): Promise<void> {
      const own = state.get(this) ?? { retryAt: 0 };
      state.set(this, own);
      if (own.pending) return own.pending;
      if (Date.now() < own.retryAt) return Promise.resolve();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the signing keys did not arrive within ${KEY_FETCH_TIMEOUT_MS} ms`)), KEY_FETCH_TIMEOUT_MS);
      });
      own.pending = Promise.race([fetchKeys.call(this), timeout])
        .catch((error: unknown) => {
          own.retryAt = Date.now() + KEY_RETRY_MS;
          for (const tell of failureListeners) tell(error);
        })
        .finally(() => {
          clearTimeout(timer);
          own.pending = undefined;
        });
      return own.pending;
    };
  }
  return () => failureListeners.delete(listener);
}
