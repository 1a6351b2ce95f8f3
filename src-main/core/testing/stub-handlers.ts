import { METHOD_NAMES } from '../../../src-shared/api/contract.js';
import type { ApiHandlers } from '../api-router.js';

/** Api handlers for host tests: the given ones, and every other method failing if called. */
export function stubHandlers(used: Partial<ApiHandlers>): ApiHandlers {
  const unused = async (): Promise<never> => {
    throw new Error('not expected in this test');
  };
  return { ...(Object.fromEntries(METHOD_NAMES.map((name) => [name, unused])) as unknown as ApiHandlers), ...used };
}
