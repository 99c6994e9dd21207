/** What KVS answers a `keyPolicy: 'FAIL_IF_EXISTS'` write to a key that exists: HTTP 409, code KEY_CONFLICT. */
import { ForgeKvsAPIError } from '@forge/kvs';

export const isKeyConflict = (e: unknown): e is ForgeKvsAPIError =>
  e instanceof ForgeKvsAPIError && e.code === 'KEY_CONFLICT' && e.responseDetails.status === 409;
