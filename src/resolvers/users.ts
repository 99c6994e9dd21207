import { z } from 'zod';
import { searchUsers } from '../jira/users';
import { resolver } from './envelope';

/** People to pick as action owner or next facilitator. */
export const findUsers = resolver(z.object({ query: z.string().trim().min(1).max(100) }).strict(), async ({ query }, { client }) => ({
  data: await searchUsers(client, query),
}));
