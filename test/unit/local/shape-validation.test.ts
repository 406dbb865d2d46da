// Unit: request shape validation (SWF_SPEC appendices B, G).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMembers, throwIfInvalid } from '../../../src/local/protocol/shape-validation.ts';
import { OPERATION_INPUTS } from '../../../src/local/protocol/input-shapes.ts';
import { checkDecisionList } from '../../../src/local/protocol/decision-list.ts';
import { SwfFault } from '../../../src/local/faults.ts';

const errorsOf = (operation: string, input: Record<string, unknown>) => {
  const errors: string[] = [];
  checkMembers(input, OPERATION_INPUTS.get(operation)!, '', errors);
  if (operation === 'RespondDecisionTaskCompleted') checkDecisionList(input.decisions, errors);
  return errors;
};

test('every one of the 39 operations has an input shape', () => {
  assert.equal(OPERATION_INPUTS.size, 39);
});

test('violations are counted and named by path in the AWS message style', () => {
  const errors = errorsOf('StartWorkflowExecution', {
    domain: 'd',
    workflowType: { name: 'n' },
    tagList: ['1', '2', '3', '4', '5', '6'],
  });
  assert.deepEqual(errors, [
    "Value null at 'workflowId' failed to satisfy constraint: Member must not be null",
    "Value null at 'workflowType.version' failed to satisfy constraint: Member must not be null",
    'Value \'["1","2","3","4","5","6"]\' at \'tagList\' failed to satisfy constraint: Member must have length less than or equal to 5',
  ]);
  assert.throws(
    () => throwIfInvalid(errors),
    (e: SwfFault) => e.type === 'ValidationException' && e.message.startsWith('3 validation errors detected: '),
  );
});

test('a member of the wrong JSON type is a SerializationException', () => {
  assert.throws(
    () => errorsOf('DescribeDomain', { name: 7 }),
    (e: SwfFault) => e.type === 'SerializationException' && /'name'/.test(e.message),
  );
  assert.throws(
    () => errorsOf('ListDomains', { registrationStatus: 'REGISTERED', maximumPageSize: 1.5 }),
    (e: SwfFault) => e.type === 'SerializationException',
  );
});

test('name rules: no separators or control characters, not "arn"; task lists and domains not padded', () => {
  for (const name of ['a:b', 'a/b', 'a|b', 'a\u0000', 'a\u009f', 'arn'])
    assert.equal(errorsOf('DescribeDomain', { name }).length, 1, name);
  assert.equal(errorsOf('DescribeDomain', { name: ' x' }).length, 1);
  assert.deepEqual(errorsOf('DescribeDomain', { name: 'arn-like is fine' }), []);
  assert.deepEqual(
    errorsOf('SignalWorkflowExecution', { domain: 'd', workflowId: 'w', signalName: 'sig:with:colons' }),
    [],
    'signal names are free text',
  );
});

test('decision lists: attributes required by type, close decision last, timers need seconds', () => {
  const decisions = [
    { decisionType: 'CompleteWorkflowExecution' },
    { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: 'NONE' } },
    { decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: { activityId: 'a' } },
    { decisionType: 'Explode' },
  ];
  const errors = errorsOf('RespondDecisionTaskCompleted', { taskToken: 't', decisions });
  assert.ok(errors.some((e) => e.includes("'decisions.4.member.decisionType'")));
  assert.ok(errors.some((e) => e.includes('Close must be last decision in list')));
  assert.ok(errors.some((e) => e.includes("'decisions.2.member.startTimerDecisionAttributes.startToFireTimeout'")));
  assert.ok(
    errors.some((e) =>
      e.includes("Value null at 'decisions.3.member.scheduleActivityTaskDecisionAttributes.activityType'"),
    ),
  );
  assert.deepEqual(
    errorsOf('RespondDecisionTaskCompleted', {
      taskToken: 't',
      decisions: [{ decisionType: 'CompleteWorkflowExecution' }],
    }),
    [],
    'attributes without required members may be omitted',
  );
});
