// flowy-ts/testing: replay recorded histories against today's code, and run workflows in memory
// with the local server, in-process workers and time skipping.
//
//   import { replayHistory, TestEnvironment } from 'flowy-ts/testing';
//
//   await replayHistory('test/fixtures/histories/order-1.json', OrderPipeline);
//   const env = await TestEnvironment.create({ workflows: [OrderPipeline], activities: [ChargePayment] });
//   try { console.log(await env.execute(OrderPipeline, input)); } finally { await env.close(); }

/** Replaying a recorded history; a difference from the recorded decisions is reported. */
export { replayHistory, loadHistory } from '../testing/index.ts';
export type { ReplayOptions, ReplayReport, HistorySource, LoadedHistory, ExecutionRef } from '../testing/index.ts';
/** Running workflows in memory, with activity doubles and a clock that skips idle time. */
export { TestEnvironment, WorkflowStalled } from '../testing/index.ts';
export type {
  TestEnvironmentOptions,
  ActivityDouble,
  ActivityTypeRef,
  RunRef,
  StackInterceptors,
} from '../testing/index.ts';
