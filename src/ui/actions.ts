// What a person does to executions from the page: signal, request cancel, terminate, start. Every
// field is checked here first; a request that fails a check is refused whole and nothing is sent.
import { randomUUID } from 'node:crypto';
import type { SWFClient } from '../swf/index.ts';
import { validateInput } from '../definitions/index.ts';
import type { Registry } from '../definitions/index.ts';
import { requestCancelExecution, signalExecution, startExecution, terminateExecution } from '../swf/index.ts';
import { BadRequest } from './bad-request.ts';

/** SWF_SPEC name rules: names and ids are 1..256 characters. */
const MAX_NAME = 256;
/** SWF_SPEC 15: input, details and results hold at most 32,768 characters. */
const MAX_DATA = 32_768;

type Body = Record<string, unknown>;

/** A required SWF name or id field: 1..256 characters, no ":" "/" "|" or control characters, not "arn". */
export function nameField(body: Body, field: string, what: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') throw new BadRequest(`${what} is required`);
  if (value.length > MAX_NAME)
    throw new BadRequest(`${what} is ${value.length} characters; SWF allows at most ${MAX_NAME}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f:/|]/.test(value) || value === 'arn') {
    throw new BadRequest(`${what} "${value}" may not contain ":", "/", "|" or control characters, nor be "arn"`);
  }
  return value;
}

function optionalText(body: Body, field: string, what: string, max: number): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequest(`${what} must be text`);
  if (value.length > max) throw new BadRequest(`${what} is ${value.length} characters; SWF allows at most ${max}`);
  return value;
}

/** Optional JSON text: parsed to check it, sent as compact JSON; names the field when it does not parse. */
function jsonField(body: Body, field: string, what: string): { text?: string; value?: unknown } {
  const text = optionalText(body, field, what, MAX_DATA * 4);
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BadRequest(`${what} is not valid JSON (${(error as Error).message}); write it like {"key": "value"}`);
  }
  const compact = JSON.stringify(value);
  if (compact.length > MAX_DATA)
    throw new BadRequest(`${what} is ${compact.length} characters as JSON; SWF allows at most ${MAX_DATA}`);
  return { text: compact, value };
}

function execution(body: Body): { workflowId: string; runId?: string } {
  return { workflowId: nameField(body, 'workflowId', 'workflowId'), runId: optionalText(body, 'runId', 'runId', 64) };
}

/** Sends a signal with an optional JSON payload. */
export async function signalAction(client: SWFClient, domain: string, body: Body): Promise<string> {
  const target = execution(body);
  const signalName = nameField(body, 'signalName', 'Signal name');
  const input = jsonField(body, 'input', 'Signal input');
  await signalExecution(client, { domain, ...target, signalName, input: input.text });
  return `Signal "${signalName}" sent to ${target.workflowId}`;
}

/** Requests cancellation; the workflow's code decides what that means. */
export async function cancelAction(client: SWFClient, domain: string, body: Body): Promise<string> {
  const target = execution(body);
  await requestCancelExecution(client, domain, target);
  return `Cancel requested for ${target.workflowId}`;
}

/** Terminates the run at once, with a reason (and the type's child policy). */
export async function terminateAction(client: SWFClient, domain: string, body: Body): Promise<string> {
  const target = execution(body);
  const reason = optionalText(body, 'reason', 'Reason', MAX_NAME);
  if (!reason) throw new BadRequest('Reason is required to terminate; say why, it is kept in the history');
  const details = optionalText(body, 'details', 'Details', MAX_DATA);
  await terminateExecution(client, { domain, ...target, reason, details });
  return `Terminated ${target.workflowId}`;
}

/** Starts a registered workflow type; its input is checked against the schema of its code when known. */
export async function startAction(
  client: SWFClient,
  domain: string,
  body: Body,
  registry?: Registry,
): Promise<{ message: string; workflowId: string; runId: string }> {
  const name = nameField(body, 'typeName', 'Workflow type name');
  const version = nameField(body, 'typeVersion', 'Workflow type version');
  const workflowId =
    body.workflowId === undefined || body.workflowId === ''
      ? `${name}-${randomUUID()}`
      : nameField(body, 'workflowId', 'workflowId');
  const input = jsonField(body, 'input', 'Input');
  const tag = optionalText(body, 'tag', 'Tag', MAX_NAME);
  const definition = registry?.workflows().find((w) => w.options.name === name && w.options.version === version);
  if (definition) {
    const problem = validateInput(definition, input.value);
    if (problem) throw new BadRequest(problem);
  }
  const runId = await startExecution(client, {
    domain,
    workflowId,
    workflowType: { name, version },
    input: input.text,
    tagList: tag ? [tag] : undefined,
  });
  return { message: `Started ${name}@${version} as ${workflowId}`, workflowId, runId };
}
