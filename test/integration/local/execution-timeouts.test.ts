// SWF_SPEC 6.1: a workflow execution lasts at most a year; "NONE" is refused where the reference
// refuses it (a type's default, a start) and accepted where it allows it (children, continue-as-new).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '@aws-sdk/client-swf';
import { openHarness, type Harness } from './harness.ts';
import { createWorld, decide, eventTypes, lastEvent, rejectsWith, start, type World } from './fixtures.ts';

describe('execution timeouts', () => {
  let h: Harness;
  let w: World;
  before(async () => {
    h = await openHarness();
    w = await createWorld(h, 'limits');
  });
  after(async () => {
    await h.close();
  });

  test('RegisterWorkflowType refuses a defaultExecutionStartToCloseTimeout of NONE or over a year, naming the field', async () => {
    for (const value of ['NONE', '31536001']) {
      await rejectsWith(
        w.c.send(
          new S.RegisterWorkflowTypeCommand({
            domain: w.domain,
            name: 'endless',
            version: value,
            defaultExecutionStartToCloseTimeout: value,
            defaultTaskList: { name: 'x' },
          }),
        ),
        'ValidationException',
        /defaultExecutionStartToCloseTimeout/,
      );
      await rejectsWith(
        w.c.send(
          new S.DescribeWorkflowTypeCommand({ domain: w.domain, workflowType: { name: 'endless', version: value } }),
        ),
        'UnknownResourceFault',
      );
    }
    await w.c.send(
      new S.RegisterWorkflowTypeCommand({
        domain: w.domain,
        name: 'year',
        version: '1',
        defaultExecutionStartToCloseTimeout: '31536000',
      }),
    );
  });

  test('StartWorkflowExecution refuses an executionStartToCloseTimeout of NONE or over a year, naming the field, before any other check', async () => {
    for (const value of ['NONE', '31536001']) {
      await rejectsWith(
        start(w, 'endless', { executionStartToCloseTimeout: value }),
        'ValidationException',
        /'executionStartToCloseTimeout'/,
      );
      await rejectsWith(
        w.c.send(
          new S.StartWorkflowExecutionCommand({
            domain: 'no-such-domain',
            workflowId: 'x',
            workflowType: { name: 'wf', version: '1' },
            executionStartToCloseTimeout: value,
          }),
        ),
        'ValidationException',
        /'executionStartToCloseTimeout'/,
      );
    }
    const { executionInfos } = await w.c.send(
      new S.ListOpenWorkflowExecutionsCommand({
        domain: w.domain,
        startTimeFilter: { oldestDate: new Date(0) },
        executionFilter: { workflowId: 'endless' },
      }),
    );
    assert.deepEqual(executionInfos, []);
  });

  test('a child and a continued run may be started with an executionStartToCloseTimeout of NONE', async () => {
    const parent = await start(w, 'parent');
    await decide(w, [
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowType: { name: 'wf', version: '1' },
          workflowId: 'unlimited-child',
          executionStartToCloseTimeout: 'NONE',
        },
      },
    ]);
    const started = await lastEvent(w, parent, 'ChildWorkflowExecutionStarted');
    const child = started.childWorkflowExecutionStartedEventAttributes!.workflowExecution!;
    const described = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: child }));
    assert.equal(described.executionConfiguration?.executionStartToCloseTimeout, 'NONE');

    // the child's first decision task: continue as new, unlimited again
    let task = await w.c.send(
      new S.PollForDecisionTaskCommand({ domain: w.domain, taskList: { name: w.decisionList } }),
    );
    while (task.workflowExecution?.runId !== child.runId) {
      await w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken!, decisions: [] }));
      task = await w.c.send(new S.PollForDecisionTaskCommand({ domain: w.domain, taskList: { name: w.decisionList } }));
    }
    await w.c.send(
      new S.RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken!,
        decisions: [
          {
            decisionType: 'ContinueAsNewWorkflowExecution',
            continueAsNewWorkflowExecutionDecisionAttributes: { executionStartToCloseTimeout: 'NONE' },
          },
        ],
      }),
    );
    assert.equal((await eventTypes(w, child)).at(-1), 'WorkflowExecutionContinuedAsNew');
    const next = (await lastEvent(w, child, 'WorkflowExecutionContinuedAsNew'))
      .workflowExecutionContinuedAsNewEventAttributes!.newExecutionRunId!;
    const continued = await w.c.send(
      new S.DescribeWorkflowExecutionCommand({
        domain: w.domain,
        execution: { workflowId: 'unlimited-child', runId: next },
      }),
    );
    assert.equal(continued.executionConfiguration?.executionStartToCloseTimeout, 'NONE');
  });

  test('a child over a year is refused with a ValidationException naming the field', async () => {
    await start(w, 'too-long-parent');
    const task = await w.c.send(
      new S.PollForDecisionTaskCommand({ domain: w.domain, taskList: { name: w.decisionList } }),
    );
    await rejectsWith(
      w.c.send(
        new S.RespondDecisionTaskCompletedCommand({
          taskToken: task.taskToken!,
          decisions: [
            {
              decisionType: 'StartChildWorkflowExecution',
              startChildWorkflowExecutionDecisionAttributes: {
                workflowType: { name: 'wf', version: '1' },
                workflowId: 'c',
                executionStartToCloseTimeout: '31536001',
              },
            },
          ],
        }),
      ),
      'ValidationException',
      /executionStartToCloseTimeout/,
    );
  });
});
