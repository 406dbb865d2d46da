// What a command runs with: its output streams, the resolved connection and lazily built clients.
import { FlowyClient } from '../client/index.ts';
import { scan } from '../definitions/index.ts';
import type { Registry } from '../definitions/index.ts';
import { createSwfClient, resolveConnection } from '../swf/index.ts';
import type { Connection, SWFClient } from '../swf/index.ts';
import { createLogger } from '../common/index.ts';
import type { Logger } from '../common/index.ts';
import type { GlobalArgs } from './global-options.ts';
import { UsageError } from './usage-error.ts';
import { toError } from '../core/engine.ts';

/** Where a CLI run writes and which environment it reads; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The default folders scanned for workflows and activities. */
export const DEFAULT_FOLDERS = ['workflows', 'activities'];

/** One command's view of the world. Clients are created on first use. */
export class CliContext {
  readonly io: CliIO;
  readonly args: GlobalArgs;
  private resolved: Connection | undefined;
  private swfClient: SWFClient | undefined;
  private flowyClient: FlowyClient | undefined;

  constructor(args: GlobalArgs, io: CliIO) {
    this.args = args;
    this.io = io;
  }

  /** The connection from flags and environment (SWF_SPEC-independent rules in src/swf). */
  get connection(): Connection {
    if (!this.resolved) {
      try {
        this.resolved = resolveConnection({ endpoint: this.args.endpoint, region: this.args.region, domain: this.args.domain, env: this.io.env });
      } catch (error) {
        throw new UsageError(toError(error).message);
      }
    }
    return this.resolved;
  }

  /** The domain commands work in. */
  get domain(): string {
    return this.connection.domain;
  }

  /** Where requests go, for messages: the endpoint or "SWF in <region>". */
  get target(): string {
    return this.connection.endpoint ?? `SWF in ${this.connection.region}`;
  }

  /** The SDK client for the connection. */
  get swf(): SWFClient {
    this.swfClient ??= createSwfClient({ endpoint: this.connection.endpoint, region: this.connection.region, env: this.io.env });
    return this.swfClient;
  }

  /** The flowy client for the connection and domain. */
  get client(): FlowyClient {
    this.flowyClient ??= new FlowyClient({ client: this.swf, domain: this.domain, logger: this.logger('warn') });
    return this.flowyClient;
  }

  /** A logger on stderr with the --log-format and --log-level flags (`level` is the default level). */
  logger(level: GlobalArgs['logLevel'] = 'info'): Logger {
    const isTerminal = Boolean((this.io.stderr as { isTTY?: boolean }).isTTY);
    return createLogger({
      format: this.args.logFormat ?? (isTerminal ? 'pretty' : 'json'),
      level: this.args.logLevel ?? level,
      stream: this.io.stderr,
    });
  }

  /** Scans `folders` (relative to the working directory) for workflow and activity classes. */
  async registry(folders: string[] = DEFAULT_FOLDERS): Promise<Registry> {
    return scan(folders, { cwd: this.io.cwd });
  }

  /** Writes a line to stdout. */
  out(line: string): void {
    this.io.stdout.write(`${line}\n`);
  }

  /** Writes a line to stderr. */
  err(line: string): void {
    this.io.stderr.write(`${line}\n`);
  }

  /** Releases the SDK client's sockets. */
  close(): void {
    this.swfClient?.destroy();
  }
}
