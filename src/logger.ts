/**
 * Structured JSON logs. What a person typed never reaches them: a log line keeps only the fields on an
 * allow-list (anything else is dropped and named in `droppedFields`), and redaction is the backstop for
 * a text-like field inside an allowed one. Only an operator's opt-in (LOG_USER_TEXT) allows `userText`
 * and the full `explanation`.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = ['text', '*.text', 'activity.text', 'body', '*.body', 'req.body', 'value', '*.value'];

/** Fields code may log. Each is an id, a number, a flag or an error's name and stack: never free text. */
export const ALLOWED_LOG_FIELDS = [
  'err',
  'activityType',
  'channelId',
  'status',
  'url',
  'anonymous',
  'logUserText',
  'storage',
  'store',
  'turn',
  'signal',
  'inFlight',
  'graceMs',
  'removed',
] as const;

/** Allowed only when the operator opted in to logging what people type. */
export const OPT_IN_LOG_FIELDS = ['userText', 'explanation'] as const;

export interface LoggerOptions {
  logUserText?: boolean;
}

export function makeLogger(level: string, destination?: pino.DestinationStream, options: LoggerOptions = {}): Logger {
  const allowed = new Set<string>([...ALLOWED_LOG_FIELDS, ...(options.logUserText ? OPT_IN_LOG_FIELDS : [])]);
  const settings: pino.LoggerOptions = {
    level,
    base: undefined,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      log(fields) {
        const kept: Record<string, unknown> = {};
        const dropped: string[] = [];
        for (const [key, value] of Object.entries(fields)) {
          if (allowed.has(key)) kept[key] = value;
          else dropped.push(key);
        }
        if (dropped.length > 0) kept.droppedFields = dropped;
        return kept;
      },
    },
  };
  return destination ? pino(settings, destination) : pino(settings);
}

/** An error for the log: its name and stack frames, without the message (which may quote input). */
export function errorForLog(error: unknown): { name: string; stack?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const frames = error.stack?.split('\n').slice(1).join('\n');
  return { name: error.name, stack: frames };
}
