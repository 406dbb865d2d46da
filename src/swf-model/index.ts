// src/swf-model: SWF as data, shared by the replay engine (src/core) and the server that
// implements SWF (src/local), which may not import each other: the history event and decision
// shapes (SWF_SPEC appendices D, E, F), one typed view of history events, the fault names, and
// the operations' inputs (the SDK's types, imported as types only). Pure: nothing runs on import.
export type * from './swf-types.ts';
export {
  readEvent,
  eventAttributes,
  eventAttributesKey,
  decisionAttributesKey,
  timestampMillis,
  isEventType,
  closeStatusOf,
  needsDecision,
} from './event-view.ts';
export { FAULT_NAMESPACES } from './faults.ts';
export { DIRECT_CALLS, eventsWithDates, wireInput } from './direct-calls.ts';
export type { DirectCalls, DirectAnswer, DirectFault } from './direct-calls.ts';
export type { SwfFaultName, ModeledFaultName, ServiceErrorName } from './faults.ts';
export type { OperationInputs, OperationInput, Validated } from './operations.ts';
export type { EventView, EventKind, CloseStatus, AttributesOf, EventAttributesKey } from './event-view.ts';
