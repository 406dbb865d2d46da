// JSON Schema checks of workflow and activity inputs and outputs (the `input` / `output` options),
// with ajv. Schemas are compiled once per definition.
import AjvModule from 'ajv';
import type { Ajv as AjvInstance, ErrorObject, Options as AjvOptions, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../core/index.ts';

// ajv is CommonJS: under NodeNext its default export arrives as the module object.
type AjvConstructor = new (options: AjvOptions) => AjvInstance;
const Ajv = ((AjvModule as unknown as { default?: AjvConstructor }).default ?? AjvModule) as unknown as AjvConstructor;
const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

/** Anything with options carrying optional `input` / `output` schemas and a `name`. */
export interface SchemaCarrier {
  options: { name: string; version?: string; input?: JsonSchema; output?: JsonSchema };
}

function compile(schema: JsonSchema): ValidateFunction {
  if (typeof schema === 'boolean') return ajv.compile(schema);
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => {
      const missing = (error.params as { missingProperty?: string }).missingProperty;
      const path = error.instancePath === '' ? '' : error.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const field = missing !== undefined ? (path ? `${path}.${missing}` : missing) : path || '(root)';
      return missing !== undefined ? `${field} is required` : `${field} ${error.message ?? 'is invalid'}`;
    })
    .join('; ');
}

function check(definition: SchemaCarrier, which: 'input' | 'output', value: unknown): string | undefined {
  const schema = definition.options[which];
  if (schema === undefined) return undefined;
  const validate = compile(schema);
  if (validate(value)) return undefined;
  return `${which === 'input' ? 'Input' : 'Output'} of ${definition.options.name} does not match its schema: ${describe(validate.errors)}`;
}

/**
 * Undefined when `value` matches `schema`, else the failing fields ("total must be number"). The
 * decider's `checkSchema` (workflow results, child inputs).
 */
export function checkSchema(schema: JsonSchema, value: unknown): string | undefined {
  const validate = compile(schema);
  return validate(value) ? undefined : describe(validate.errors);
}

/** Undefined when `input` matches the definition's input schema (or it has none), else a message naming the failing fields. */
export function validateInput(definition: SchemaCarrier, input: unknown): string | undefined {
  return check(definition, 'input', input);
}

/** Undefined when `output` matches the definition's output schema (or it has none), else a message naming the failing fields. */
export function validateOutput(definition: SchemaCarrier, output: unknown): string | undefined {
  return check(definition, 'output', output);
}
