// Workflow and activity type operations (SWF_SPEC 5).
import type { OperationInput } from '../../swf-model/index.ts';
import type { OperationContext } from './context.ts';
import type { TypeRecord } from '../store/records.ts';
import { SwfFault, unknownResource } from '../faults.ts';
import { requireActiveDomain, requireDomain } from './domains.ts';
import { readPage } from './paging.ts';

/** SWF_SPEC 15: types of each kind per domain. */
const TYPE_LIMIT = 10_000;

type Kind = 'workflow' | 'activity';
type TypeRef = { name: string; version: string };

const WORKFLOW_DEFAULTS = [
  'defaultTaskStartToCloseTimeout',
  'defaultExecutionStartToCloseTimeout',
  'defaultTaskList',
  'defaultTaskPriority',
  'defaultChildPolicy',
  'defaultLambdaRole',
];
const ACTIVITY_DEFAULTS = [
  'defaultTaskStartToCloseTimeout',
  'defaultTaskHeartbeatTimeout',
  'defaultTaskList',
  'defaultTaskPriority',
  'defaultTaskScheduleToStartTimeout',
  'defaultTaskScheduleToCloseTimeout',
];

/** The input of the operations that address one type (describe, deprecate, undeprecate, delete). */
type TypeInput =
  | OperationInput<'DescribeWorkflowType'>
  | OperationInput<'DescribeActivityType'>
  | OperationInput<'DeprecateWorkflowType'>
  | OperationInput<'DeprecateActivityType'>
  | OperationInput<'UndeprecateWorkflowType'>
  | OperationInput<'UndeprecateActivityType'>
  | OperationInput<'DeleteWorkflowType'>
  | OperationInput<'DeleteActivityType'>;
type RegisterInput = OperationInput<'RegisterWorkflowType'> | OperationInput<'RegisterActivityType'>;
type ListInput = OperationInput<'ListWorkflowTypes'> | OperationInput<'ListActivityTypes'>;

/** The workflowType or activityType member the input addresses. */
const refOf = (input: TypeInput): TypeRef => ('workflowType' in input ? input.workflowType : input.activityType);

const label = (kind: Kind) => (kind === 'workflow' ? 'WorkflowType' : 'ActivityType');
const key = (kind: Kind) => (kind === 'workflow' ? 'workflowType' : 'activityType');

/** The type or UnknownResourceFault in SWF's wording. */
export function requireType(ctx: OperationContext, domain: string, kind: Kind, ref: TypeRef): TypeRecord {
  const type = ctx.store.getType(domain, kind, ref.name, ref.version);
  if (!type)
    throw unknownResource(
      `Unknown type: ${label(kind)}=[name=${ref.name}, version=${ref.version}] in domain ${domain}`,
    );
  return type;
}

function typeInfo(t: TypeRecord) {
  return {
    [key(t.kind)]: { name: t.name, version: t.version },
    status: t.status,
    description: t.description,
    creationDate: new Date(t.createdMs),
    deprecationDate: t.deprecatedMs === undefined ? undefined : new Date(t.deprecatedMs),
  };
}

/** RegisterWorkflowType / RegisterActivityType: defaults stored as given. */
export function registerType(kind: Kind) {
  return (ctx: OperationContext, input: RegisterInput): object => {
    requireActiveDomain(ctx, input.domain);
    if (ctx.store.getType(input.domain, kind, input.name, input.version)) {
      throw new SwfFault(
        'TypeAlreadyExistsFault',
        `${label(kind)}=[name=${input.name}, version=${input.version}] already exists in domain ${input.domain}; register a new version`,
      );
    }
    if (ctx.store.countTypes(input.domain, kind) >= TYPE_LIMIT)
      throw new SwfFault('LimitExceededFault', `At most ${TYPE_LIMIT} ${kind} types per domain`);
    const config: Record<string, unknown> = {};
    const given: Record<string, unknown> = input;
    for (const field of kind === 'workflow' ? WORKFLOW_DEFAULTS : ACTIVITY_DEFAULTS)
      if (given[field] !== undefined) config[field] = given[field];
    ctx.store.insertType({
      domain: input.domain,
      kind,
      name: input.name,
      version: input.version,
      status: 'REGISTERED',
      description: input.description,
      createdMs: ctx.nowMs,
      config,
    });
    return {};
  };
}

/** DescribeWorkflowType / DescribeActivityType. */
export function describeType(kind: Kind) {
  return (ctx: OperationContext, input: TypeInput): object => {
    requireDomain(ctx, input.domain);
    const t = requireType(ctx, input.domain, kind, refOf(input));
    return { typeInfo: typeInfo(t), configuration: t.config };
  };
}

/** DeprecateWorkflowType / DeprecateActivityType. */
export function deprecateType(kind: Kind) {
  return (ctx: OperationContext, input: TypeInput): object => {
    requireDomain(ctx, input.domain);
    const t = requireType(ctx, input.domain, kind, refOf(input));
    if (t.status === 'DEPRECATED')
      throw new SwfFault(
        'TypeDeprecatedFault',
        `${label(kind)}=[name=${t.name}, version=${t.version}] is already deprecated`,
      );
    ctx.store.setTypeStatus(t, 'DEPRECATED', ctx.nowMs);
    return {};
  };
}

/** UndeprecateWorkflowType / UndeprecateActivityType. */
export function undeprecateType(kind: Kind) {
  return (ctx: OperationContext, input: TypeInput): object => {
    requireDomain(ctx, input.domain);
    const t = requireType(ctx, input.domain, kind, refOf(input));
    if (t.status === 'REGISTERED')
      throw new SwfFault(
        'TypeAlreadyExistsFault',
        `${label(kind)}=[name=${t.name}, version=${t.version}] is already registered`,
      );
    ctx.store.setTypeStatus(t, 'REGISTERED', undefined);
    return {};
  };
}

/** DeleteWorkflowType / DeleteActivityType: only deprecated types; running work continues. */
export function deleteType(kind: Kind) {
  return (ctx: OperationContext, input: TypeInput): object => {
    requireDomain(ctx, input.domain);
    const t = requireType(ctx, input.domain, kind, refOf(input));
    if (t.status === 'REGISTERED')
      throw new SwfFault(
        'TypeNotDeprecatedFault',
        `${label(kind)}=[name=${t.name}, version=${t.version}] is still registered; deprecate it first`,
      );
    ctx.store.deleteType(t);
    return {};
  };
}

/** ListWorkflowTypes / ListActivityTypes: by name then version, paginated. */
export function listTypes(kind: Kind) {
  return (ctx: OperationContext, input: ListInput): object => {
    requireDomain(ctx, input.domain);
    const reverse = !!input.reverseOrder;
    const page = readPage<[string, string]>(ctx, input, {
      op: `List${label(kind)}s`,
      domain: input.domain,
      name: input.name,
      status: input.registrationStatus,
      reverse,
    });
    const rows = ctx.store.listTypes(
      input.domain,
      kind,
      input.registrationStatus,
      input.name,
      reverse,
      page.after,
      page.limit + 1,
    );
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      typeInfos: items.map(typeInfo),
      nextPageToken: rows.length > page.limit && last ? page.tokenAfter([last.name, last.version]) : undefined,
    };
  };
}
