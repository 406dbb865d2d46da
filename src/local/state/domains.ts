// Domain operations (SWF_SPEC 4) and domain tags (SWF_SPEC 16).
import type { OperationContext } from './context.ts';
import type { DomainRecord } from '../store/records.ts';
import { SwfFault, unknownResource, validationError } from '../faults.ts';
import { readPage } from './paging.ts';

/** SWF_SPEC 15 limits. */
const DOMAIN_LIMIT = 100;
const TAG_LIMIT = 50;
// SWF_SPEC 16: letters, digits, whitespace and _ . : / = + - @
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

type Tag = { key: string; value?: string };

/** The ARN of a domain (SWF_SPEC 2). */
export function domainArn(ctx: OperationContext, name: string): string {
  return `arn:aws:swf:${ctx.identity.region}:${ctx.identity.accountId}:/domain/${name}`;
}

/** The domain or UnknownResourceFault naming it. */
export function requireDomain(ctx: OperationContext, name: string): DomainRecord {
  const domain = ctx.store.getDomain(name);
  if (!domain) throw unknownResource(`Unknown domain: ${name}`);
  return domain;
}

function domainInfo(ctx: OperationContext, d: DomainRecord) {
  return { name: d.name, status: d.status, description: d.description, arn: domainArn(ctx, d.name) };
}

function checkTags(tags: Tag[], existing: number): void {
  for (const tag of tags) {
    if (!TAG_PATTERN.test(tag.key) || !TAG_PATTERN.test(tag.value ?? '')) {
      throw validationError(`Tag "${tag.key}" has characters outside letters, digits, whitespace and _ . : / = + - @`);
    }
  }
  if (existing > TAG_LIMIT)
    throw new SwfFault(
      'TooManyTagsFault',
      `A domain can carry at most ${TAG_LIMIT} tags; remove some with UntagResource`,
    );
}

/** RegisterDomain. */
export function registerDomain(
  ctx: OperationContext,
  input: { name: string; description?: string; workflowExecutionRetentionPeriodInDays: string; tags?: Tag[] },
): object {
  const retention = input.workflowExecutionRetentionPeriodInDays;
  if (retention !== 'NONE' && (!/^\d+$/.test(retention) || Number(retention) > 90)) {
    throw validationError(
      `Value '${retention}' at 'workflowExecutionRetentionPeriodInDays' failed to satisfy constraint: Member must be a whole number of days from 0 to 90, or NONE`,
    );
  }
  if (ctx.store.getDomain(input.name))
    throw new SwfFault('DomainAlreadyExistsFault', `Domain already exists: ${input.name}`);
  if (ctx.store.countDomains() >= DOMAIN_LIMIT)
    throw new SwfFault('LimitExceededFault', `At most ${DOMAIN_LIMIT} domains may exist (registered and deprecated)`);
  const tags = input.tags ?? [];
  checkTags(tags, new Set(tags.map((t) => t.key)).size);
  ctx.store.insertDomain({
    name: input.name,
    status: 'REGISTERED',
    description: input.description,
    retention,
    createdMs: ctx.nowMs,
  });
  for (const tag of tags) ctx.store.putTag(input.name, tag.key, tag.value);
  return {};
}

/** DescribeDomain. */
export function describeDomain(ctx: OperationContext, input: { name: string }): object {
  const d = requireDomain(ctx, input.name);
  return { domainInfo: domainInfo(ctx, d), configuration: { workflowExecutionRetentionPeriodInDays: d.retention } };
}

/** ListDomains: by name, paginated. */
export function listDomains(
  ctx: OperationContext,
  input: { registrationStatus: string; nextPageToken?: string; maximumPageSize?: number; reverseOrder?: boolean },
): object {
  const page = readPage<string>(ctx, input, {
    op: 'ListDomains',
    status: input.registrationStatus,
    reverse: !!input.reverseOrder,
  });
  const rows = ctx.store.listDomains(input.registrationStatus, !!input.reverseOrder, page.after, page.limit + 1);
  const items = rows.slice(0, page.limit);
  return {
    domainInfos: items.map((d) => domainInfo(ctx, d)),
    nextPageToken: rows.length > page.limit ? page.tokenAfter(items[items.length - 1]!.name) : undefined,
  };
}

/** DeprecateDomain: also deprecates every type in it. */
export function deprecateDomain(ctx: OperationContext, input: { name: string }): object {
  const d = requireDomain(ctx, input.name);
  if (d.status === 'DEPRECATED')
    throw new SwfFault('DomainDeprecatedFault', `Domain already deprecated: ${input.name}`);
  ctx.store.setDomainStatus(input.name, 'DEPRECATED');
  ctx.store.deprecateAllTypes(input.name, ctx.nowMs);
  return {};
}

/** UndeprecateDomain: types stay deprecated (SWF_SPEC 4). */
export function undeprecateDomain(ctx: OperationContext, input: { name: string }): object {
  const d = requireDomain(ctx, input.name);
  if (d.status === 'REGISTERED')
    throw new SwfFault('DomainAlreadyExistsFault', `Domain is already registered: ${input.name}`);
  ctx.store.setDomainStatus(input.name, 'REGISTERED');
  return {};
}

/** The registered domain or DomainDeprecatedFault (for Register*Type and StartWorkflowExecution). */
export function requireActiveDomain(ctx: OperationContext, name: string): DomainRecord {
  const d = requireDomain(ctx, name);
  if (d.status === 'DEPRECATED')
    throw new SwfFault(
      'DomainDeprecatedFault',
      `Domain is deprecated: ${name}; undeprecate it with UndeprecateDomain first`,
    );
  return d;
}

function domainOfArn(ctx: OperationContext, arn: string): DomainRecord {
  const prefix = `arn:aws:swf:${ctx.identity.region}:${ctx.identity.accountId}:/domain/`;
  const domain = arn.startsWith(prefix) ? ctx.store.getDomain(arn.slice(prefix.length)) : undefined;
  if (!domain) throw unknownResource(`Unknown resource: ${arn}; only domain ARNs (${prefix}<name>) can be tagged`);
  return domain;
}

/** TagResource: adds or overwrites keys. */
export function tagResource(ctx: OperationContext, input: { resourceArn: string; tags: Tag[] }): object {
  const domain = domainOfArn(ctx, input.resourceArn);
  const keys = new Set(ctx.store.listTags(domain.name).map((t) => t.key));
  for (const tag of input.tags) keys.add(tag.key);
  checkTags(input.tags, keys.size);
  for (const tag of input.tags) ctx.store.putTag(domain.name, tag.key, tag.value);
  return {};
}

/** UntagResource: unknown keys are ignored. */
export function untagResource(ctx: OperationContext, input: { resourceArn: string; tagKeys: string[] }): object {
  const domain = domainOfArn(ctx, input.resourceArn);
  for (const key of input.tagKeys) ctx.store.deleteTag(domain.name, key);
  return {};
}

/** ListTagsForResource. */
export function listTagsForResource(ctx: OperationContext, input: { resourceArn: string }): object {
  return { tags: ctx.store.listTags(domainOfArn(ctx, input.resourceArn).name) };
}
