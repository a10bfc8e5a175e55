import { expect, it } from 'vitest';
import { fakeContext } from '../shared/fake-context';
import { validate } from './run';
import { validateSpec } from './schema';

const config = validateSpec.configSchema.parse({
  schema: { type: 'object', required: ['ref', 'amount'], properties: { amount: { type: 'number' } } },
  rules: [{ name: 'positive', assert: 'amount > 0', message: 'amount must be positive', path: 'amount' }],
});

it('passes valid data on the valid port', async () => {
  expect(await validate.run(fakeContext(config), { ref: 'A', amount: 3 })).toEqual({ port: 'valid', data: { ref: 'A', amount: 3 } });
});

it('sends every problem with its path to the invalid port', async () => {
  const result = await validate.run(fakeContext(config), { amount: -1 });
  expect(result).toEqual({
    port: 'invalid',
    data: { input: { amount: -1 }, errors: [{ path: 'ref', message: "must have required property 'ref'" }, { path: 'amount', message: 'amount must be positive', rule: 'positive' }] },
  });
});

it('fails permanently, listing every problem, when nothing is connected to invalid', async () => {
  const ctx = fakeContext(config, { connected: (port) => port !== 'invalid' });
  await expect(validate.run(ctx, { amount: 'x' })).rejects.toMatchObject({ retryable: false, message: expect.stringMatching(/3 problem\(s\): ref: .*amount: must be number.*amount must be positive/) });
});
