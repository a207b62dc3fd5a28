/**
 * Reads a request's body safely, for the one route that has one (POST /api/messages): only JSON, only
 * plain or gzip (anything else 415), the size limit on what the body decodes to as well as on what was
 * sent (a 61 KB gzip "bomb" that inflates to 63 MB is refused with 413 after at most 64 KB of output),
 * and a time limit for a body that never arrives in full (408). A body that is not gzip after all is a
 * 400. It never throws: every outcome is a body or a status with a short message.
 */
import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';

export interface BodyLimits {
  /** The most a body may be, sent and decoded. */
  maxBytes: number;
  /** How long the whole body may take to arrive. */
  timeoutMs: number;
}

/**
 * Up to this much of a body that is too large is still read (and thrown away) before the 413, so the
 * connection stays usable and the client reads the answer; a bigger one is answered at once and the
 * connection closed.
 */
export const DRAIN_BYTES = 1024 * 1024;

export type BodyResult = { body: Buffer } | { status: number; error: string; close?: boolean };

/** The Content-Encoding values accepted. */
const ENCODINGS = new Set(['identity', 'gzip']);

export function readBody(req: IncomingMessage, { maxBytes, timeoutMs }: BodyLimits): Promise<BodyResult> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (!ENCODINGS.has(encoding)) return Promise.resolve({ status: 415, error: 'send the body uncompressed, or with Content-Encoding: gzip' });
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > DRAIN_BYTES) return Promise.resolve({ status: 413, error: `the body is over ${maxBytes} bytes`, close: true });

  return new Promise<BodyResult>((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      resolve(result);
    };
    const timer = setTimeout(() => finish({ status: 408, error: 'the body did not arrive in time', close: true }), timeoutMs);
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > DRAIN_BYTES) finish({ status: 413, error: `the body is over ${maxBytes} bytes`, close: true });
      else if (received <= maxBytes) chunks.push(chunk);
    };
    const onEnd = () => {
      if (received > maxBytes) return finish({ status: 413, error: `the body is over ${maxBytes} bytes` });
      const raw = Buffer.concat(chunks);
      if (encoding !== 'gzip') return finish({ body: raw });
      gunzip(raw, { maxOutputLength: maxBytes }, (error, body) => {
        if (!error) finish({ body });
        else if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') finish({ status: 413, error: `the body decodes to over ${maxBytes} bytes` });
        else finish({ status: 400, error: 'the body is not valid gzip' });
      });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    // A client that goes away: nobody is left to answer, but the promise still settles.
    req.once('error', () => finish({ status: 400, error: 'the request failed', close: true }));
    req.once('aborted', () => finish({ status: 400, error: 'the request was aborted', close: true }));
  });
}
