// Structured logs through pino: workers, the client and the local server take any pino-compatible
// logger (a user's own pino instance works as is); createLogger builds one for the CLI.
import { pino } from 'pino';

/** Severity of a log line; `silent` as a threshold turns logging off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Threshold accepted by createLogger: a level, or `silent` for no output at all. */
export type LogThreshold = LogLevel | 'silent';

/** How lines are written: pino's JSON (one object per line), or readable single lines for terminals. */
export type LogFormat = 'json' | 'pretty';

/**
 * Context attached to a log line. The well-known keys are the ones flowy sets where they apply;
 * errors go under `err` (pino's error key: serialized with type, message and stack).
 */
export interface LogFields {
  domain?: string;
  taskList?: string;
  workflowId?: string;
  runId?: string;
  eventId?: number;
  activityId?: string;
  err?: unknown;
  [key: string]: unknown;
}

/** One level's method, in pino's argument order: fields first, then the message. */
export interface LogMethod {
  (fields: LogFields, msg: string): void;
  (msg: string): void;
}

/**
 * The part of pino's logger flowy calls; a pino logger (or any logger with these methods) fits.
 * `child(fields)` returns a logger that adds `fields` to every line.
 */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  child(fields: LogFields): Logger;
}

/** Options of createLogger. Defaults: `json`, `info`, process.stderr. */
export interface LoggerOptions {
  format?: LogFormat;
  level?: LogThreshold;
  stream?: NodeJS.WritableStream;
}

/** The accepted `--log-level` values, in increasing severity. */
export const LOG_LEVELS: readonly LogThreshold[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** The accepted `--log-format` values. */
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

/**
 * Creates a pino logger writing to `stream` (stderr by default, so stdout stays free for command
 * output). Lines below `level` cost nothing: pino replaces their methods with no-ops.
 */
export function createLogger(options: LoggerOptions = {}): pino.Logger {
  const format = options.format ?? 'json';
  const level = options.level ?? 'info';
  if (!LOG_LEVELS.includes(level)) {
    throw new Error(`Unknown log level "${String(level)}"; use one of ${LOG_LEVELS.join(', ')}`);
  }
  if (!LOG_FORMATS.includes(format)) {
    throw new Error(`Unknown log format "${String(format)}"; use one of ${LOG_FORMATS.join(', ')}`);
  }
  const stream = options.stream ?? process.stderr;
  return pino({ level }, format === 'pretty' ? prettyStream(stream) : stream);
}

/** A logger that writes nothing; the default where none is given. */
export const silentLogger: Logger = pino({ level: 'silent' });

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** pino's own keys: shown first (time, level, msg) or not at all (pid, hostname). */
const RECORD_KEYS = new Set(['time', 'level', 'msg', 'pid', 'hostname']);

/**
 * A destination for pino that turns each JSON line into one readable line:
 * `2026-01-02T03:04:05.678Z INFO  msg key=value ...`. Only used on terminals, never on the hot path
 * of a deployed worker (those log JSON).
 */
function prettyStream(out: NodeJS.WritableStream): { write(line: string): void } {
  return {
    write(line: string) {
      out.write(prettyLine(JSON.parse(line) as Record<string, unknown>) + '\n');
    },
  };
}

function prettyLine(record: Record<string, unknown>): string {
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString() : String(record.time ?? '');
  const level = (LEVEL_NAMES[record.level as number] ?? String(record.level)).padEnd(5);
  const parts = [time, level, String(record.msg ?? '')];
  for (const [key, value] of Object.entries(record)) {
    if (RECORD_KEYS.has(key) || value === undefined) continue;
    const text = key === 'err' ? errorText(value) : typeof value === 'string' ? value : JSON.stringify(value);
    parts.push(`${key}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`);
  }
  // one event = one line, whatever the message holds
  return parts.join(' ').replace(/\r?\n/g, '\\n');
}

/** pino serializes errors as { type, message, stack }; a terminal line shows `Type: message`. */
function errorText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const { type, message } = value as { type?: string; message?: string };
  return type ? `${type}: ${message ?? ''}` : JSON.stringify(value);
}
