// What a command runs with: its output streams, the resolved connection and lazily built clients.
// The layers below are imported when first used, not at start-up (see index.ts).
import type { FlowyClient } from '../client/index.ts';
import type { Registry } from '../definitions/index.ts';
import type { PayloadStorage } from '../payloads/index.ts';
import type { Connection, SWFClient } from '../swf/index.ts';
import type { Logger } from '../common/index.ts';
import type { GlobalArgs } from './global-options.ts';
import { UsageError } from './usage-error.ts';
import { toError } from '../core/engine.ts';

type SwfModule = typeof import('../swf/index.ts');
type ClientModule = typeof import('../client/index.ts');
type PayloadsModule = typeof import('../payloads/index.ts');

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
  private swfModule: SwfModule | undefined;
  private clientModule: ClientModule | undefined;
  private clientLogger: Logger | undefined;
  private payloadsModule: PayloadsModule | undefined;
  /** By domain; null when no store is configured. */
  private readonly payloadStorages = new Map<string, PayloadStorage | null>();

  /** The command line as given (after the executable), e.g. to run the same command again. */
  readonly argv: string[];

  constructor(args: GlobalArgs, io: CliIO, argv: string[] = []) {
    this.args = args;
    this.io = io;
    this.argv = argv;
  }

  /** The connection from flags and environment (SWF_SPEC-independent rules in src/swf). */
  get connection(): Connection {
    if (!this.resolved) {
      if (!this.swfModule) throw new Error('CliContext.connect() must be awaited before using the connection');
      try {
        this.resolved = this.swfModule.resolveConnection({
          endpoint: this.args.endpoint,
          region: this.args.region,
          domain: this.args.domain,
          env: this.io.env,
        });
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

  /** Imports the SDK client and flowy's client; commands that talk to SWF await it before `swf` and `client`. */
  async connect(): Promise<this> {
    [this.swfModule, this.clientModule, this.clientLogger, this.payloadsModule] = await Promise.all([
      import('../swf/index.ts'),
      import('../client/index.ts'),
      this.logger('warn'),
      import('../payloads/index.ts'),
    ]);
    return this;
  }

  /** The SDK client for the connection (after `connect()`). */
  get swf(): SWFClient {
    if (!this.swfModule) throw new Error('CliContext.connect() must be awaited before using swf');
    this.swfClient ??= this.swfModule.createSwfClient({
      endpoint: this.connection.endpoint,
      region: this.connection.region,
      env: this.io.env,
    });
    return this.swfClient;
  }

  /** The flowy client for the connection and domain (after `connect()`). */
  get client(): FlowyClient {
    if (!this.clientModule) throw new Error('CliContext.connect() must be awaited before using client');
    this.flowyClient ??= new this.clientModule.FlowyClient({
      client: this.swf,
      domain: this.domain,
      logger: this.clientLogger,
      payloads: this.payloads,
    });
    return this.flowyClient;
  }

  /**
   * Where payloads over the threshold go (FLOWY_PAYLOADS; files under .flowy/payloads for the
   * local server by default); undefined when none is configured.
   */
  get payloads(): PayloadStorage | undefined {
    return this.payloadsFor(this.domain);
  }

  /** The payload storage of `domain` (each domain has its own place in the store). */
  payloadsFor(domain: string): PayloadStorage | undefined {
    let storage = this.payloadStorages.get(domain);
    if (storage === undefined) {
      try {
        if (!this.payloadsModule) throw new Error('CliContext.connect() must be awaited before using payloads');
        storage =
          this.payloadsModule.payloadStorageFromEnv({
            env: this.io.env,
            domain,
            isLocal: this.connection.isLocal,
            cwd: this.io.cwd,
          }) ?? null;
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
      this.payloadStorages.set(domain, storage);
    }
    return storage ?? undefined;
  }

  /** A logger on stderr with the --log-format and --log-level flags (`level` is the default level). */
  async logger(level: GlobalArgs['logLevel'] = 'info'): Promise<Logger> {
    const { createLogger } = await import('../common/index.ts');
    const isTerminal = Boolean((this.io.stderr as { isTTY?: boolean }).isTTY);
    return createLogger({
      format: this.args.logFormat ?? (isTerminal ? 'pretty' : 'json'),
      level: this.args.logLevel ?? level,
      stream: this.io.stderr,
    });
  }

  /** Scans `folders` (relative to the working directory) for workflow and activity classes. */
  async registry(folders: string[] = DEFAULT_FOLDERS): Promise<Registry> {
    const [{ scan }, { ScheduleWorkflow, SCHEDULE_WORKFLOW_NAME }] = await Promise.all([
      import('../definitions/index.ts'),
      import('../schedules/index.ts'),
    ]);
    const registry = await scan(folders, { cwd: this.io.cwd });
    // schedules run as FlowySchedule executions: registered and decided like the scanned workflows
    if (!registry.findWorkflow(SCHEDULE_WORKFLOW_NAME)) registry.addWorkflow(ScheduleWorkflow);
    return registry;
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
