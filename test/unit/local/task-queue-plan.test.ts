import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEXT_ACTIVITY_TASK_SQL, NEXT_DECISION_TASK_SQL, Store } from '../../../src/local/store/store.ts';

// A poll must read the head of its queue from an index; a sort would cost every poll time
// proportional to the number of tasks waiting on the list.
for (const [name, sql] of [
  ['decision', NEXT_DECISION_TASK_SQL],
  ['activity', NEXT_ACTIVITY_TASK_SQL],
] as const) {
  test(`polling the ${name} task queue uses its index and sorts nothing`, () => {
    const store = new Store({ path: ':memory:' });
    try {
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('domain', 'list') as { detail: string }[]).map(
        (row) => row.detail,
      );
      assert.ok(
        plan.some((step) => /USING INDEX \w+_tasks_by_urgency/.test(step)),
        plan.join('\n'),
      );
      assert.ok(!plan.some((step) => /TEMP B-TREE/.test(step)), plan.join('\n'));
    } finally {
      store.close();
    }
  });
}
