import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { directActions, SwfUsageScanner } from './swf-usage.ts';
import type { Role, RoleEntries } from './swf-usage.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const DOMAIN_ARN = 'arn:aws:swf:${Region}:${Account}:/domain/${Domain}';
// SWF actions that cannot be scoped to one domain (they act on the account)
const ACCOUNT_LEVEL_ACTIONS = new Set(['swf:RegisterDomain', 'swf:ListDomains']);

const ROLES: Record<Role, { policy: string; entries: RoleEntries; decisions: boolean }> = {
  decider: {
    policy: 'infra/iam/decider-policy.json',
    entries: { files: ['src/worker/decision-worker.ts'], follow: ['src/worker'] },
    decisions: true,
  },
  'activity-worker': {
    policy: 'infra/iam/activity-worker-policy.json',
    entries: { files: ['src/worker/activity-worker.ts'], follow: ['src/worker'] },
    decisions: false,
  },
  operator: {
    policy: 'infra/iam/operator-policy.json',
    entries: { files: ['src/cli/**/*.ts', 'src/client/**/*.ts'], follow: ['src/cli', 'src/client'] },
    decisions: false,
  },
};

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}
interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}

function loadPolicy(path: string): PolicyDocument {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as PolicyDocument;
}

function allowedActions(policy: PolicyDocument): Set<string> {
  return new Set(policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

const scanner = new SwfUsageScanner(root);

function requiredActions(role: Role): { actions: Set<string>; sources: Map<string, string[]> } {
  const usage = scanner.usage(ROLES[role].entries);
  const actions = new Set(usage.actions);
  const sources = new Map(usage.sources);
  if (ROLES[role].decisions) {
    // SWF checks every decision of RespondDecisionTaskCompleted against IAM as `swf:<DecisionType>`;
    // a refused one becomes a *Failed event with cause OPERATION_NOT_PERMITTED
    for (const [type, files] of scanner.decisionTypesBuilt(['src/core/**/*.ts', 'src/worker/decision-worker.ts'])) {
      actions.add(`swf:${type}`);
      sources.set(
        `swf:${type}`,
        files.map((f) => `${f} (decision)`),
      );
    }
  }
  return { actions, sources };
}

describe('IAM policies in infra/iam', () => {
  for (const [role, { policy: path }] of Object.entries(ROLES) as [Role, (typeof ROLES)[Role]][]) {
    test(`${role}: every statement allows named swf actions on the domain, account-level ones apart`, () => {
      const policy = loadPolicy(path);
      assert.equal(policy.Version, '2012-10-17');
      assert.ok(policy.Statement.length > 0);
      for (const statement of policy.Statement) {
        const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
        assert.equal(statement.Effect, 'Allow', `${path} ${statement.Sid}: only Allow statements`);
        for (const action of actions) {
          assert.match(
            action,
            /^swf:[A-Z][A-Za-z]+$/,
            `${path} ${statement.Sid}: "${action}" must be one explicit swf action, no wildcards`,
          );
        }
        const accountLevel = actions.filter((a) => ACCOUNT_LEVEL_ACTIONS.has(a));
        if (accountLevel.length > 0) {
          assert.deepEqual(
            accountLevel,
            actions,
            `${path} ${statement.Sid}: keep account-level actions in their own statement`,
          );
          assert.equal(
            statement.Resource,
            '*',
            `${path} ${statement.Sid}: ${accountLevel.join(', ')} take no domain resource`,
          );
        } else {
          assert.equal(statement.Resource, DOMAIN_ARN, `${path} ${statement.Sid}: scope to ${DOMAIN_ARN}`);
        }
      }
      const all = policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
      assert.equal(new Set(all).size, all.length, `${path}: an action is listed twice`);
    });

    test(`${role}: the policy allows exactly the SWF actions its code calls`, () => {
      const allowed = allowedActions(loadPolicy(path));
      const { actions: required, sources } = requiredActions(role);
      const missing = [...required].filter((a) => !allowed.has(a)).sort();
      const extra = [...allowed].filter((a) => !required.has(a)).sort();
      assert.deepEqual(
        { missing, extra },
        { missing: [], extra: [] },
        `${path} does not match the code.\n` +
          missing.map((a) => `  add ${a}: used by ${sources.get(a)!.join(', ')}`).join('\n') +
          (missing.length && extra.length ? '\n' : '') +
          extra.map((a) => `  remove ${a}: no ${role} code calls it`).join('\n'),
      );
    });
  }

  test('every source file that calls SWF belongs to a role', () => {
    const covered = new Set(Object.values(ROLES).flatMap(({ entries }) => [...scanner.usage(entries).files]));
    const uncovered = scanner
      .filesCallingSwf(['src/worker/**/*.ts', 'src/client/**/*.ts', 'src/cli/**/*.ts', 'src/index.ts'])
      .filter((file) => !covered.has(file));
    assert.deepEqual(uncovered, [], `assign these files to a role in ${'test/unit/infra/iam.test.ts'}`);
  });

  test('the scanner charges each callSwf call with the operation it names, and callSwf itself with none', () => {
    const code =
      "await callSwf(this.options.client, 'PollForActivityTask', { domain }, { abortSignal });\n" +
      "await callSwf(\n  client,\n  'SignalWorkflowExecution',\n  input,\n);\n";
    assert.deepEqual([...directActions(code)].sort(), ['swf:PollForActivityTask', 'swf:SignalWorkflowExecution']);
    const usage = scanner.usage({ files: ['src/worker/activity-worker.ts'], follow: [] });
    assert.ok(!usage.actions.has('swf:StartWorkflowExecution'), 'importing callSwf is not every operation');
  });

  test('the scanner attributes src/swf helpers per function, not per file', () => {
    const usage = scanner.usage({ files: ['src/worker/decision-worker.ts'], follow: ['src/worker'] });
    assert.ok(usage.actions.has('swf:PollForDecisionTask'), 'pollForDecisionTask() is seen through the src/swf door');
    assert.ok(
      !usage.actions.has('swf:RegisterDomain'),
      'registration helpers in the same door are not charged to the decider',
    );
  });
});
