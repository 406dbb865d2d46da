// Task tokens and page tokens: opaque strings signed with the per-database secret.
import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { validationError } from './faults.ts';

/** What a task token identifies (SWF_SPEC 12). */
export interface TaskTokenClaims {
  kind: 'decision' | 'activity';
  runId: string;
  scheduledEventId: number;
  startedEventId: number;
}

/** SWF_SPEC 11: page tokens expire after 24 hours. */
const PAGE_TOKEN_LIFETIME_MS = 24 * 3600 * 1000;

/**
 * Signs and verifies tokens with one secret. The secret is a KeyObject in a #private field, so that
 * no serialization or inspection of a signer (or of an object holding one) can show it.
 */
export class TokenSigner {
  readonly #key: KeyObject;

  constructor(secret: Buffer) {
    this.#key = createSecretKey(secret);
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url').slice(0, 32);
  }

  private seal(value: unknown): string {
    const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  private open(token: string, what: string, field: string): unknown {
    const dot = token.lastIndexOf('.');
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.sign(payload));
    if (dot <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw validationError(`Invalid ${what} at '${field}': the token was not issued by this server or was altered`);
    }
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  }

  /** A task token for a started task; valid only while that exact task stays started. */
  taskToken(claims: TaskTokenClaims): string {
    return this.seal([
      claims.kind === 'decision' ? 'd' : 'a',
      claims.runId,
      claims.scheduledEventId,
      claims.startedEventId,
    ]);
  }

  /** SWF_SPEC 12: a forged or malformed token is a ValidationException. */
  readTaskToken(token: string): TaskTokenClaims {
    const value = this.open(token, 'task token', 'taskToken');
    if (!Array.isArray(value) || value.length !== 4) throw validationError("Invalid task token at 'taskToken'");
    const [kind, runId, scheduledEventId, startedEventId] = value as [string, string, number, number];
    return { kind: kind === 'd' ? 'decision' : 'activity', runId, scheduledEventId, startedEventId };
  }

  /** SWF_SPEC 11: a page token bound to the query (all other arguments) and a position. */
  pageToken(query: unknown, position: unknown, nowMs: number): string {
    return this.seal({ q: queryHash(query), p: position, t: nowMs });
  }

  /** Returns the position of a page token; the query must be the one it was issued for. */
  readPageToken<T>(token: string, query: unknown, nowMs: number): T {
    const value = this.open(token, 'nextPageToken', 'nextPageToken') as { q: string; p: T; t: number };
    if (value.q !== queryHash(query)) {
      throw validationError(
        "Invalid nextPageToken at 'nextPageToken': it belongs to a query with other arguments; repeat the original arguments unchanged",
      );
    }
    if (nowMs - value.t > PAGE_TOKEN_LIFETIME_MS)
      throw validationError('Specified token has exceeded its maximum lifetime');
    return value.p;
  }
}

function queryHash(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
}
