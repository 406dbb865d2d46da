import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientConfig, resolveConnection, LOCAL_DEFAULT_ENDPOINT } from '../../../src/swf/index.ts';

describe('resolveConnection', () => {
  test('uses the local default endpoint when nothing is configured', () => {
    const c = resolveConnection({ env: {} });
    assert.equal(c.endpoint, LOCAL_DEFAULT_ENDPOINT);
    assert.equal(c.isLocal, true);
    assert.equal(c.domain, 'flowy');
    assert.equal(c.source, 'default');
  });

  test('a configured region means real SWF with no endpoint override', () => {
    const c = resolveConnection({ env: { AWS_REGION: 'eu-west-1' } });
    assert.equal(c.endpoint, undefined);
    assert.equal(c.region, 'eu-west-1');
    assert.equal(c.isLocal, false);
    assert.equal(resolveConnection({ env: { AWS_DEFAULT_REGION: 'us-west-2' } }).region, 'us-west-2');
  });

  test('SWF_ENDPOINT wins over the region and the flag wins over SWF_ENDPOINT', () => {
    const env = { AWS_REGION: 'eu-west-1', SWF_ENDPOINT: 'http://localhost:9000', SWF_DOMAIN: 'shop' };
    const fromEnv = resolveConnection({ env });
    assert.equal(fromEnv.endpoint, 'http://localhost:9000');
    assert.equal(fromEnv.region, 'eu-west-1');
    assert.equal(fromEnv.domain, 'shop');
    assert.equal(fromEnv.source, 'SWF_ENDPOINT');
    const fromFlag = resolveConnection({ env, endpoint: '127.0.0.1:8000/', domain: 'd2' });
    assert.equal(fromFlag.endpoint, 'http://127.0.0.1:8000');
    assert.equal(fromFlag.domain, 'd2');
    assert.equal(fromFlag.source, 'flag');
  });

  test('only amazonaws.com endpoints count as Amazon SWF', () => {
    assert.equal(resolveConnection({ env: {}, endpoint: 'http://swf-server:7766' }).isAws, false);
    assert.equal(resolveConnection({ env: {}, endpoint: 'https://swf.eu-west-1.amazonaws.com' }).isAws, true);
    assert.equal(resolveConnection({ env: { AWS_REGION: 'eu-west-1' } }).isAws, true);
    assert.equal(resolveConnection({ env: {} }).isAws, false);
  });

  test('an endpoint that is not a URL names itself and the fix', () => {
    assert.throws(() => resolveConnection({ env: {}, endpoint: 'ftp://x' }), /must use http or https/);
  });
});

describe('clientConfig', () => {
  test('local endpoints get dummy credentials when none are in the environment', () => {
    const config = clientConfig(resolveConnection({ env: {} }), { env: {} });
    assert.deepEqual(config.credentials, { accessKeyId: 'flowy-local', secretAccessKey: 'flowy-local' });
    assert.equal(config.endpoint, LOCAL_DEFAULT_ENDPOINT);
  });

  test('an SWF-compatible server elsewhere also gets dummy credentials, Amazon endpoints never', () => {
    const remote = clientConfig(resolveConnection({ env: {}, endpoint: 'http://swf-server:7766' }), { env: {} });
    assert.equal((remote.credentials as { accessKeyId: string }).accessKeyId, 'flowy-local');
    const vpc = clientConfig(
      resolveConnection({ env: {}, endpoint: 'https://vpce-1.swf.us-east-1.vpce.amazonaws.com' }),
      { env: {} },
    );
    assert.equal(vpc.credentials, undefined);
  });

  test('real SWF uses the standard credential chain', () => {
    const env = { AWS_REGION: 'us-east-1' };
    const config = clientConfig(resolveConnection({ env }), { env });
    assert.equal(config.credentials, undefined);
    assert.equal(config.endpoint, undefined);
  });
});
