// SWF_SPEC 8.3: validation of a decision list, all or nothing, before anything is applied.
import { decisionAttributesKey } from '../../swf-model/index.ts';
import { DECISION_ATTRIBUTES } from './input-shapes.ts';
import { checkMembers } from './shape-validation.ts';
import { MAX_EXECUTION_SECONDS } from '../state/durations.ts';

const CLOSE_DECISIONS = new Set([
  'CompleteWorkflowExecution',
  'FailWorkflowExecution',
  'CancelWorkflowExecution',
  'ContinueAsNewWorkflowExecution',
]);

/** Adds a message to `errors` for every decision that lacks its attributes or breaks a rule. */
export function checkDecisionList(decisions: unknown, errors: string[]): void {
  if (!Array.isArray(decisions)) return;
  decisions.forEach((decision: unknown, index) => {
    const fields = (typeof decision === 'object' && decision !== null ? decision : {}) as Record<string, unknown>;
    const type = fields.decisionType;
    if (typeof type !== 'string') return; // reported by the shape check
    const shape = DECISION_ATTRIBUTES.get(type);
    if (!shape) return; // reported by the shape check
    if (CLOSE_DECISIONS.has(type) && index !== decisions.length - 1) {
      errors.push(`Decision ${index + 1} (${type}) closes the workflow execution: Close must be last decision in list`);
    }
    const key = decisionAttributesKey(type);
    const path = `decisions.${index + 1}.member.${key}`;
    const attributes = fields[key];
    const needsAttributes = Object.values(shape).some((field) => field.required);
    if (attributes === undefined || attributes === null) {
      if (needsAttributes) errors.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
      return;
    }
    if (typeof attributes !== 'object' || Array.isArray(attributes)) {
      errors.push(`Value at '${path}' failed to satisfy constraint: Member must be an object`);
      return;
    }
    const members = attributes as Record<string, unknown>;
    checkMembers(members, shape, `${path}.`, errors);
    if (type === 'StartTimer' && members.startToFireTimeout === 'NONE') {
      errors.push(
        `Value 'NONE' at '${path}.startToFireTimeout' failed to satisfy constraint: a timer needs a whole number of seconds`,
      );
    }
    // unlike a start, a child or a continued run may be unlimited (NONE), as their attributes document
    const timeout = members.executionStartToCloseTimeout;
    if (typeof timeout === 'string' && Number(timeout) > MAX_EXECUTION_SECONDS) {
      errors.push(
        `Value '${timeout}' at '${path}.executionStartToCloseTimeout' failed to satisfy constraint: Member must be NONE or a number of seconds no larger than ${MAX_EXECUTION_SECONDS}`,
      );
    }
  });
}
