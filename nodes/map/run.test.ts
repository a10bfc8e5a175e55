import { expect, it } from 'vitest';
import { fakeContext } from '../shared/fake-context';
import { map } from './run';
import { mapSpec } from './schema';

it('reshapes the input with JSONata and can read the run', async () => {
  const config = mapConfig("{ 'ref': number, 'total': $sum(lines.amount), 'runId': $run.id }");
  const result = await map.run(fakeContext(config), { number: 'E-1', lines: [{ amount: 2 }, { amount: 3.5 }] });
  expect(result).toEqual({ port: 'out', data: { ref: 'E-1', total: 5.5, runId: 'run-1' } });
});

it('reports a syntax error at design time with its position', () => {
  const problems = mapSpec.check?.(mapConfig('{ "a": ')) ?? [];
  expect(problems[0]?.path).toBe('expression');
  expect(problems[0]?.message).toMatch(/invalid JSONata/);
});

it('fails permanently when evaluation fails', async () => {
  await expect(map.run(fakeContext(mapConfig('$number("x")')), {})).rejects.toMatchObject({ retryable: false, code: 'expression_failed' });
});

function mapConfig(expression: string) {
  return mapSpec.configSchema.parse({ expression });
}
