// flowy-ts/engine: the replay engine without a worker around it: a history in, decisions out.
//
//   import { decide } from 'flowy-ts/engine';
//
//   const { decisions } = await decide(task.events, OrderPipeline, { execution: task.workflowExecution });

/** One decision task answered from a whole history, or many with the execution kept in memory. */
export { decide, Decider, NonDeterminismError } from '../core/engine.ts';
export type { DecideOptions, DecideResult, DeciderOptions, DecisionTaskExecution, CloseKind } from '../core/engine.ts';
/** Headers that travel with payloads, in their envelope (interceptors add and read them). */
export { withHeaders, splitHeaders } from '../core/engine.ts';
export type { Headers } from '../core/engine.ts';
/** The SWF history event and decision shapes it reads and writes. */
export type { HistoryEvent, Decision, EventType, DecisionType } from '../core/engine.ts';
/** Queries by replay, and the check `flowy replay` runs, on a history you hold. */
export { queryWorkflow, checkReplay } from '../core/engine.ts';
export type {
  QueryOptions,
  RecordedHistory,
  ReplayOptions as CheckReplayOptions,
  ReplayReport,
} from '../core/engine.ts';
