// Large payloads made transparent (SWF_SPEC 15: input, result and details fields hold at most
// 32,768 characters). Writers call offload() on each serialized payload: above the threshold it is
// encoded by the codecs, stored under its content hash and replaced by a reference
// (reference.ts). Readers call resolve(), or resolveEvents() on a history before replaying it.
// The decider itself stays pure: the decision worker resolves the task's events before deciding
// and offloads the decisions' payloads after.
import { createHash } from 'node:crypto';
import { eventAttributes } from '../core/engine.ts';
import type { Decision, HistoryEvent } from '../core/engine.ts';
import { gzipCodec, type PayloadCodec } from './codec.ts';
import { formatReference, isReference, parseReference } from './reference.ts';
import type { PayloadStore } from './store.ts';

/** Default threshold: payloads longer than this many characters are stored. */
export const DEFAULT_PAYLOAD_THRESHOLD = 32_000;

/** Fields that carry payloads, in events' and decisions' attributes. */
const PAYLOAD_FIELDS = ['input', 'result', 'details'] as const;

/** Options of {@link PayloadStorage}. */
export interface PayloadStorageOptions {
  store: PayloadStore;
  /** Applied in order before storing (e.g. `[gzipCodec]`); default none. */
  codecs?: PayloadCodec[];
  /** Payloads longer than this many characters are stored; default 32,000. */
  threshold?: number;
  /** Characters of resolved payloads kept in memory (replays read the same ones again); default 64 Mi. */
  cacheCharacters?: number;
}

/** The error of a reference whose blob is not in the store. */
export class PayloadNotFound extends Error {
  override name = 'PayloadNotFound';
  constructor(
    readonly key: string,
    readonly where: string,
    store: string,
  ) {
    super(
      `Payload ${key} referenced by ${where} is not in the payload store (${store}); ` +
        'it was deleted, or this process uses another store than the one that wrote it (check FLOWY_PAYLOADS)',
    );
  }
}

/** Stores and resolves large payloads through a store and a codec pipeline. */
export class PayloadStorage {
  readonly store: PayloadStore;
  readonly codecs: readonly PayloadCodec[];
  readonly threshold: number;
  private readonly cache = new Map<string, string>();
  private cachedCharacters = 0;
  private readonly cacheLimit: number;

  constructor(options: PayloadStorageOptions) {
    this.store = options.store;
    this.codecs = options.codecs ?? [];
    this.threshold = options.threshold ?? DEFAULT_PAYLOAD_THRESHOLD;
    this.cacheLimit = options.cacheCharacters ?? 64 * 2 ** 20;
    for (const codec of this.codecs) {
      if (!/^[A-Za-z0-9_-]+$/.test(codec.name))
        throw new Error(`Payload codec name "${codec.name}" may hold only letters, digits, '-' and '_'`);
    }
  }

  /** `text`, or a reference to it once stored when it is longer than the threshold. */
  async offload(text: string | undefined): Promise<string | undefined> {
    if (text === undefined || (text.length <= this.threshold && !isReference(text))) return text;
    const hash = createHash('sha256').update(text, 'utf8').digest('hex');
    const names = this.codecs.map((codec) => codec.name);
    const key = [hash, ...names].join('.');
    let bytes: Uint8Array = Buffer.from(text, 'utf8');
    for (const codec of this.codecs) bytes = await codec.encode(bytes);
    await this.store.put(key, bytes);
    this.remember(key, text);
    return formatReference({ key, length: text.length, codecs: names });
  }

  /** `text` itself, or the payload its reference names. `where` names the field for errors, e.g. `event 7 (ActivityTaskCompleted) of execution o-1 (run 2…)`. */
  async resolve(text: string | undefined, where: string): Promise<string | undefined> {
    if (!isReference(text)) return text;
    const reference = parseReference(text, where);
    const cached = this.cache.get(reference.key);
    if (cached !== undefined) return cached;
    let bytes = await this.store.get(reference.key);
    if (bytes === undefined) throw new PayloadNotFound(reference.key, where, this.store.description);
    for (const name of [...reference.codecs].reverse()) bytes = await this.codec(name, where).decode(bytes);
    const resolved = Buffer.from(bytes).toString('utf8');
    this.remember(reference.key, resolved);
    return resolved;
  }

  /**
   * The history with every reference replaced by its payload (events without one are kept as
   * they are). `execution` names the run in errors.
   */
  async resolveEvents<E extends HistoryEvent>(
    events: readonly E[],
    execution?: { workflowId?: string; runId?: string },
  ): Promise<E[]> {
    const resolved: E[] = [];
    for (const event of events) {
      const attributes = eventAttributes(event) as Record<string, unknown>;
      let copy: Record<string, unknown> | undefined;
      for (const field of PAYLOAD_FIELDS) {
        const value = attributes[field];
        if (typeof value !== 'string' || !isReference(value)) continue;
        const where = `${field} of event ${event.eventId} (${event.eventType})${describeExecution(execution)}`;
        copy ??= { ...attributes };
        copy[field] = await this.resolve(value, where);
      }
      if (!copy) {
        resolved.push(event);
        continue;
      }
      const key = `${(event.eventType ?? '').charAt(0).toLowerCase()}${(event.eventType ?? '').slice(1)}EventAttributes`;
      resolved.push({ ...event, [key]: copy } as E);
    }
    return resolved;
  }

  /** The decisions with every payload over the threshold stored and replaced by its reference. */
  async offloadDecisions<D extends Decision>(decisions: readonly D[]): Promise<D[]> {
    const result: D[] = [];
    for (const decision of decisions) {
      const type = String(decision.decisionType);
      const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}DecisionAttributes`;
      const attributes = (decision as unknown as Record<string, Record<string, unknown> | undefined>)[key];
      let copy: Record<string, unknown> | undefined;
      for (const field of PAYLOAD_FIELDS) {
        const value = attributes?.[field];
        if (typeof value !== 'string') continue;
        const offloaded = await this.offload(value);
        if (offloaded === value) continue;
        copy ??= { ...attributes };
        copy[field] = offloaded;
      }
      result.push(copy ? ({ ...decision, [key]: copy } as D) : decision);
    }
    return result;
  }

  private codec(name: string, where: string): PayloadCodec {
    const codec = this.codecs.find((c) => c.name === name) ?? (name === gzipCodec.name ? gzipCodec : undefined);
    if (!codec)
      throw new Error(
        `Payload in ${where} was encoded with codec "${name}", which this process does not have; configure it in its PayloadStorage codecs`,
      );
    return codec;
  }

  private remember(key: string, text: string): void {
    if (text.length > this.cacheLimit || this.cache.has(key)) return;
    this.cache.set(key, text);
    this.cachedCharacters += text.length;
    for (const [oldKey, oldText] of this.cache) {
      if (this.cachedCharacters <= this.cacheLimit) break;
      this.cache.delete(oldKey);
      this.cachedCharacters -= oldText.length;
    }
  }
}

function describeExecution(execution?: { workflowId?: string; runId?: string }): string {
  if (!execution?.workflowId) return '';
  return ` of execution ${execution.workflowId}${execution.runId ? ` (run ${execution.runId})` : ''}`;
}
