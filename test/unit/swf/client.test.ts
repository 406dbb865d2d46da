import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeDomainCommand, RegisterDomainCommand } from '@aws-sdk/client-swf';
import { startLocalServer } from '../../../src/local/index.ts';
import { createSwfClient } from '../../../src/swf/index.ts';

test('a client of a local server does not sign requests, and the server still reads its region', async () => {
  const server = await startLocalServer();
  const client = createSwfClient({ endpoint: server.url, region: 'eu-west-1', env: {} });
  try {
    const steps = client.middlewareStack.identify().join('\n');
    assert.doesNotMatch(steps, /httpSigningMiddleware/);
    assert.doesNotMatch(steps, /loggerMiddleware/, 'nothing copies inputs and outputs to redact them for a logger');
    await client.send(new RegisterDomainCommand({ name: 'regional', workflowExecutionRetentionPeriodInDays: '1' }));
    const described = await client.send(new DescribeDomainCommand({ name: 'regional' }));
    assert.equal(described.domainInfo?.arn, 'arn:aws:swf:eu-west-1:123456789012:/domain/regional');
  } finally {
    client.destroy();
    await server.close();
  }
});

test('a client of Amazon SWF signs its requests with the standard credential chain', () => {
  const client = createSwfClient({ region: 'us-east-1', env: { AWS_REGION: 'us-east-1' } });
  try {
    const steps = client.middlewareStack.identify().join('\n');
    assert.match(steps, /httpSigningMiddleware/);
    assert.doesNotMatch(steps, /flowyUnsignedScope/);
  } finally {
    client.destroy();
  }
});
