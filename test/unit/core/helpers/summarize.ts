// One line per decision, for readable (history, expected decisions) tables.
import type { Decision } from '../../../../src/core/engine.ts';

/** `ScheduleActivityTask Charge-1 {"a":1}`, `StartTimer timer-1 5s`, `CompleteWorkflowExecution 42`, ... */
export function summarize(decisions: Decision[]): string[] {
  return decisions.map((d) => {
    switch (d.decisionType) {
      case 'ScheduleActivityTask': {
        const a = d.scheduleActivityTaskDecisionAttributes!;
        return `ScheduleActivityTask ${a.activityId}${a.input === undefined ? '' : ` ${a.input}`}`;
      }
      case 'StartTimer': {
        const a = d.startTimerDecisionAttributes!;
        return `StartTimer ${a.timerId} ${a.startToFireTimeout}s`;
      }
      case 'CancelTimer':
        return `CancelTimer ${d.cancelTimerDecisionAttributes!.timerId}`;
      case 'RecordMarker': {
        const a = d.recordMarkerDecisionAttributes!;
        return `RecordMarker ${a.markerName}${a.details === undefined ? '' : ` ${a.details}`}`;
      }
      case 'StartChildWorkflowExecution': {
        const a = d.startChildWorkflowExecutionDecisionAttributes!;
        return `StartChildWorkflowExecution ${a.workflowType.name} ${a.workflowId}${a.input === undefined ? '' : ` ${a.input}`}`;
      }
      case 'CompleteWorkflowExecution':
        return `CompleteWorkflowExecution ${d.completeWorkflowExecutionDecisionAttributes?.result ?? ''}`.trim();
      case 'FailWorkflowExecution':
        return `FailWorkflowExecution ${d.failWorkflowExecutionDecisionAttributes?.reason ?? ''}`.trim();
      case 'CancelWorkflowExecution':
        return `CancelWorkflowExecution ${d.cancelWorkflowExecutionDecisionAttributes?.details ?? ''}`.trim();
      case 'ContinueAsNewWorkflowExecution':
        return `ContinueAsNewWorkflowExecution ${d.continueAsNewWorkflowExecutionDecisionAttributes?.input ?? ''}`.trim();
      default:
        return d.decisionType;
    }
  });
}
