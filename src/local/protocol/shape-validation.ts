// Validates JSON request members against the SWF model's constraints (SWF_SPEC appendices B, C, E, G).
import { SwfFault } from '../faults.ts';
import { MAX_EXECUTION_SECONDS } from '../state/durations.ts';

/** A constraint on one JSON value. `required` applies when the shape is a struct member. */
export type Shape = { required?: boolean } & (
  | {
      t: 'string';
      min?: number;
      max?: number;
      isName?: boolean;
      isTrimmed?: boolean;
      values?: readonly string[];
      isDuration?: boolean;
      isPriority?: boolean;
      /** A run's whole lifetime: at most one year, never NONE (SWF_SPEC 6.1). */
      isExecutionTimeout?: boolean;
    }
  | { t: 'int'; min?: number; max?: number }
  | { t: 'bool' }
  | { t: 'timestamp' }
  | { t: 'struct'; fields: Record<string, Shape> }
  | { t: 'list'; member: Shape; max?: number }
);

// SWF_SPEC 2: names may not contain : / | or control characters, nor be the literal "arn".
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_NAMES = /[:/|\u0000-\u001f\u007f-\u009f]/;

function describe(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.length > 64 ? `${text.slice(0, 64)}...` : text}'`;
}

function typeFault(path: string, expected: string): SwfFault {
  return new SwfFault('SerializationException', `Member '${path}' must be ${expected}`);
}

/**
 * Checks `value` against `shape`; JSON type mismatches throw SerializationException at once,
 * constraint violations are collected into `errors` in the AWS message style.
 */
export function checkShape(value: unknown, shape: Shape, path: string, errors: string[]): void {
  const fail = (constraint: string) =>
    errors.push(`Value ${describe(value)} at '${path}' failed to satisfy constraint: ${constraint}`);
  switch (shape.t) {
    case 'string': {
      if (typeof value !== 'string') throw typeFault(path, 'a string');
      if (shape.min !== undefined && value.length < shape.min)
        fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max)
        fail(`Member must have length less than or equal to ${shape.max}`);
      if (shape.values && !shape.values.includes(value))
        fail(`Member must satisfy enum value set: [${shape.values.join(', ')}]`);
      if (shape.isName && (FORBIDDEN_IN_NAMES.test(value) || value === 'arn'))
        fail('Member must not contain ":", "/", "|", control characters or be the literal "arn"');
      if (shape.isTrimmed && value !== value.trim()) fail('Member must not start or end with whitespace');
      if (shape.isDuration && value !== 'NONE' && !/^\d+$/.test(value))
        fail('Member must be a whole number of seconds or NONE');
      if (shape.isExecutionTimeout && (value === 'NONE' || Number(value) > MAX_EXECUTION_SECONDS)) {
        fail(
          `Member must be a whole number of seconds no larger than ${MAX_EXECUTION_SECONDS} (one year); NONE is not allowed for a workflow execution`,
        );
      }
      if (shape.isPriority && (!/^[+-]?\d+$/.test(value) || Number(value) > 2147483647 || Number(value) < -2147483648))
        fail('Member must be a 32-bit integer');
      return;
    }
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw typeFault(path, 'an integer');
      if (shape.min !== undefined && value < shape.min)
        fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max)
        fail(`Member must have value less than or equal to ${shape.max}`);
      return;
    case 'bool':
      if (typeof value !== 'boolean') throw typeFault(path, 'a boolean');
      return;
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw typeFault(path, 'a number of seconds since the epoch');
      return;
    case 'list':
      if (!Array.isArray(value)) throw typeFault(path, 'a list');
      if (shape.max !== undefined && value.length > shape.max)
        fail(`Member must have length less than or equal to ${shape.max}`);
      value.forEach((item, i) => checkShape(item, shape.member, `${path}.${i + 1}.member`, errors));
      return;
    case 'struct': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeFault(path, 'an object');
      checkMembers(value as Record<string, unknown>, shape.fields, `${path}.`, errors);
      return;
    }
  }
}

/** Checks the members of an object; `prefix` is '' at the top level. */
export function checkMembers(
  value: Record<string, unknown>,
  fields: Record<string, Shape>,
  prefix: string,
  errors: string[],
): void {
  for (const [key, field] of Object.entries(fields)) {
    const member = value[key];
    if (member === undefined || member === null) {
      if (field.required)
        errors.push(`Value null at '${prefix}${key}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    checkShape(member, field, `${prefix}${key}`, errors);
  }
}

/** Throws one ValidationException listing every violation, or returns. */
export function throwIfInvalid(errors: string[]): void {
  if (errors.length === 0) return;
  const count = errors.length === 1 ? '1 validation error detected' : `${errors.length} validation errors detected`;
  throw new SwfFault('ValidationException', `${count}: ${errors.join('; ')}`);
}
