/**
 * Structured JSON logs. What a person typed never reaches them: code logs only named fields, and
 * redaction is the backstop for any text-like field that slips through.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = ['text', '*.text', 'activity.text', 'body', '*.body', 'req.body', 'value', '*.value'];

export function makeLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/** An error for the log: its name and stack frames, without the message (which may quote input). */
export function errorForLog(error: unknown): { name: string; stack?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const frames = error.stack?.split('\n').slice(1).join('\n');
  return { name: error.name, stack: frames };
}
