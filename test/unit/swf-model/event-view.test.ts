import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  closeStatusOf,
  decisionAttributesKey,
  eventAttributesKey,
  needsDecision,
  readEvent,
} from '../../../src/swf-model/index.ts';

describe('readEvent', () => {
  test('gives the attributes of the event type and the event it refers back to', () => {
    const view = readEvent({
      eventId: 7,
      eventType: 'ActivityTaskCompleted',
      eventTimestamp: 2,
      activityTaskCompletedEventAttributes: { result: '"ok"', scheduledEventId: 5, startedEventId: 6 },
    });
    assert.ok(view?.eventType === 'ActivityTaskCompleted');
    assert.equal(view.attributes.result, '"ok"');
    assert.deepEqual([view.kind, view.eventId, view.timestampMillis], ['activity', 7, 2000]);
    assert.deepEqual([view.scheduledEventId, view.startedEventId, view.initiatedEventId], [5, 6, undefined]);
    assert.deepEqual([view.needsDecision, view.closeStatus, view.isDecisionFailure], [true, undefined, false]);
  });

  test('names the close status of the events that close a run, and only those', () => {
    assert.equal(closeStatusOf('WorkflowExecutionCompleted'), 'COMPLETED');
    assert.equal(closeStatusOf('WorkflowExecutionFailed'), 'FAILED');
    assert.equal(closeStatusOf('WorkflowExecutionCanceled'), 'CANCELED');
    assert.equal(closeStatusOf('WorkflowExecutionTerminated'), 'TERMINATED');
    assert.equal(closeStatusOf('WorkflowExecutionTimedOut'), 'TIMED_OUT');
    assert.equal(closeStatusOf('WorkflowExecutionContinuedAsNew'), 'CONTINUED_AS_NEW');
    assert.equal(closeStatusOf('CompleteWorkflowExecutionFailed'), undefined);
    assert.equal(closeStatusOf('ChildWorkflowExecutionCompleted'), undefined);
    assert.equal(closeStatusOf(undefined), undefined);
  });

  test('a decision SWF refused is marked as such and needs a new decision', () => {
    const view = readEvent({
      eventId: 9,
      eventType: 'StartTimerFailed',
      startTimerFailedEventAttributes: {
        timerId: 't',
        cause: 'TIMER_ID_ALREADY_IN_USE',
        decisionTaskCompletedEventId: 8,
      },
    });
    assert.deepEqual(
      [view?.kind, view?.isDecisionFailure, view?.needsDecision, view?.decisionTaskCompletedEventId],
      ['timer', true, true, 8],
    );
  });

  test('an event type SWF does not define has no view', () => {
    assert.equal(readEvent({ eventId: 1, eventType: 'SomethingNew' }), undefined);
  });

  test('the events after which a run needs a decision are those of SWF_SPEC 8.1', () => {
    const spec = [
      'WorkflowExecutionStarted',
      'WorkflowExecutionSignaled',
      'WorkflowExecutionCancelRequested',
      'ActivityTaskCompleted',
      'ActivityTaskFailed',
      'ActivityTaskTimedOut',
      'ActivityTaskCanceled',
      'TimerFired',
      'ChildWorkflowExecutionStarted',
      'ChildWorkflowExecutionCompleted',
      'ChildWorkflowExecutionFailed',
      'ChildWorkflowExecutionTimedOut',
      'ChildWorkflowExecutionCanceled',
      'ChildWorkflowExecutionTerminated',
      'StartChildWorkflowExecutionFailed',
      'ExternalWorkflowExecutionSignaled',
      'SignalExternalWorkflowExecutionFailed',
      'ExternalWorkflowExecutionCancelRequested',
      'RequestCancelExternalWorkflowExecutionFailed',
      'ScheduleActivityTaskFailed',
      'RequestCancelActivityTaskFailed',
      'StartTimerFailed',
      'CancelTimerFailed',
      'RecordMarkerFailed',
      'CompleteWorkflowExecutionFailed',
      'FailWorkflowExecutionFailed',
      'CancelWorkflowExecutionFailed',
      'ContinueAsNewWorkflowExecutionFailed',
      'ScheduleLambdaFunctionFailed',
      'StartLambdaFunctionFailed',
      'DecisionTaskTimedOut',
    ];
    for (const type of spec) assert.equal(needsDecision(type), true, type);
    for (const type of [
      'DecisionTaskScheduled',
      'DecisionTaskCompleted',
      'ActivityTaskStarted',
      'TimerStarted',
      'MarkerRecorded',
      'WorkflowExecutionCompleted',
    ]) {
      assert.equal(needsDecision(type), false, type);
    }
  });

  test('attribute members are named after the event or decision type', () => {
    assert.equal(eventAttributesKey('TimerFired'), 'timerFiredEventAttributes');
    assert.equal(decisionAttributesKey('ScheduleActivityTask'), 'scheduleActivityTaskDecisionAttributes');
  });
});
