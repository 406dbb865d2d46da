import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Workflow } from '../../../src/core/index.ts';
import { activity, Registry, validateInput, validateOutput, workflow } from '../../../src/definitions/index.ts';

@activity({
  name: 'Ship',
  input: {
    type: 'object',
    required: ['address', 'items'],
    properties: {
      address: { type: 'string' },
      items: { type: 'array', items: { type: 'object', properties: { quantity: { type: 'integer', minimum: 1 } } } },
    },
  },
  output: { type: 'string' },
})
class Ship {
  async run() {
    return 'ok';
  }
}

@workflow({ name: 'Checkout', input: { type: 'object', required: ['orderId'] } })
class Checkout extends Workflow<unknown, void> {
  async run() {}
}

@workflow({ name: 'Anything' })
class Anything extends Workflow<unknown, void> {
  async run() {}
}

const registry = new Registry();
const ship = registry.addActivity(Ship);
const checkout = registry.addWorkflow(Checkout);
const anything = registry.addWorkflow(Anything);

describe('schema validation', () => {
  test('valid values pass', () => {
    assert.equal(validateInput(ship, { address: 'x', items: [{ quantity: 2 }] }), undefined);
    assert.equal(validateOutput(ship, 'shipped'), undefined);
    assert.equal(validateInput(anything, 42), undefined, 'no schema: anything goes');
  });

  test('a missing field is named', () => {
    assert.equal(validateInput(checkout, {}), 'Input of Checkout does not match its schema: orderId is required');
  });

  test('a nested wrong value is named by its path', () => {
    assert.equal(
      validateInput(ship, { address: 7, items: [{ quantity: 0 }] }),
      'Input of Ship does not match its schema: address must be string; items.0.quantity must be >= 1',
    );
  });

  test('outputs are checked against the output schema', () => {
    assert.equal(validateOutput(ship, 3), 'Output of Ship does not match its schema: (root) must be string');
  });
});
