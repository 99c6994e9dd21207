import { join } from 'node:path';
import { validate } from '@forge/manifest';

test('manifest.yml passes Forge manifest validation with no errors', async () => {
  const result = await validate(false, join(__dirname, '..', '..', 'manifest.yml'));
  const errors = (result.errors ?? []).filter((e: { level?: string }) => e.level !== 'warning');
  expect(errors).toEqual([]);
  expect(result.success).toBe(true);
});
