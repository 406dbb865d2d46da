import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_NAMESPACES, type SwfFaultName } from '../../../src/swf-model/index.ts';
import { SwfFault } from '../../../src/local/faults.ts';
import { isFault } from '../../../src/swf/index.ts';

describe('SWF fault names', () => {
  test('every fault the local server can throw is one the client recognises by the same name', () => {
    for (const name of Object.keys(FAULT_NAMESPACES) as SwfFaultName[]) {
      const fault = new SwfFault(name, 'm');
      assert.equal(fault.wireType, `${FAULT_NAMESPACES[name]}#${name}`);
      assert.equal(isFault(fault, name), true, name);
    }
  });

  test('modeled faults answer 400 and live in the SWF model namespace', () => {
    assert.equal(
      new SwfFault('UnknownResourceFault', 'm').wireType,
      'com.amazonaws.swf.base.model#UnknownResourceFault',
    );
    assert.equal(new SwfFault('ValidationException', 'm').statusCode, 400);
  });
});
