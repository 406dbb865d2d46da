/** Severity of a log line; `silent` as a threshold turns logging off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Threshold accepted by createLogger: a level, or `silent` for no output at all. */
export type LogThreshold = LogLevel | 'silent';

/** How lines are written: one JSON object per line, or readable single lines for terminals. */
export type LogFormat = 'json' | 'pretty';

/**
 * Context attached to a log line. The well-known keys are the ones workers set where they apply;
 * any other JSON value may be added.
 */
export interface LogFields {
  domain?: string;
  taskList?: string;
  workflowId?: string;
  runId?: string;
  eventId?: number;
  activityId?: string;
  [key: string]: unknown;
}

/** A structured logger; `child(fields)` returns a logger that adds `fields` to every line. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Options of createLogger. Defaults: `json`, `info`, process.stderr. */
export interface LoggerOptions {
  format?: LogFormat;
  level?: LogThreshold;
  stream?: NodeJS.WritableStream;
  /** Clock for the `ts` field; tests pass a fixed one. */
  now?: () => Date;
}

/** The accepted `--log-level` values, in increasing severity. */
export const LOG_LEVELS: readonly LogThreshold[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** The accepted `--log-format` values. */
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

const SEVERITY: Record<LogThreshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * Creates a logger writing to `stream` (stderr by default, so stdout stays free for command
 * output). Lines below `level` are dropped before any formatting work is done.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? 'json';
  const level = options.level ?? 'info';
  if (!Object.hasOwn(SEVERITY, level)) {
    throw new Error(`Unknown log level "${String(level)}"; use one of ${LOG_LEVELS.join(', ')}`);
  }
  if (!LOG_FORMATS.includes(format)) {
    throw new Error(`Unknown log format "${String(format)}"; use one of ${LOG_FORMATS.join(', ')}`);
  }
  const sink: Sink = {
    stream: options.stream ?? process.stderr,
    threshold: SEVERITY[level],
    format,
    now: options.now ?? (() => new Date()),
  };
  return new FieldLogger(sink, {});
}

interface Sink {
  stream: NodeJS.WritableStream;
  threshold: number;
  format: LogFormat;
  now: () => Date;
}

class FieldLogger implements Logger {
  constructor(
    private readonly sink: Sink,
    private readonly fields: LogFields,
  ) {}

  debug(msg: string, fields?: LogFields): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.write('error', msg, fields);
  }
  child(fields: LogFields): Logger {
    return new FieldLogger(this.sink, { ...this.fields, ...fields });
  }

  private write(level: LogLevel, msg: string, fields?: LogFields): void {
    if (SEVERITY[level] < this.sink.threshold) return;
    const all = fields ? { ...this.fields, ...fields } : this.fields;
    const ts = this.sink.now().toISOString();
    const line = this.sink.format === 'json' ? jsonLine(ts, level, msg, all) : prettyLine(ts, level, msg, all);
    this.sink.stream.write(line + '\n');
  }
}

/** `ts`, `level` and `msg` come first and cannot be overwritten by fields. */
function jsonLine(ts: string, level: LogLevel, msg: string, fields: LogFields): string {
  const record: Record<string, unknown> = { ts, level, msg };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || key in record) continue;
    record[key] = toJsonValue(value);
  }
  return JSON.stringify(record);
}

function prettyLine(ts: string, level: LogLevel, msg: string, fields: LogFields): string {
  const parts = [ts, level.toUpperCase().padEnd(5), msg];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const json = toJsonValue(value);
    const text = typeof json === 'string' ? json : JSON.stringify(json);
    parts.push(`${key}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`);
  }
  // one event = one line, whatever the message holds
  return parts.join(' ').replace(/\r?\n/g, '\\n');
}

/** Errors do not serialize with JSON.stringify; keep their name, message and stack. */
function toJsonValue(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** A logger that writes nothing; the default where none is given. */
export const silentLogger: Logger = createLogger({ level: 'silent' });
