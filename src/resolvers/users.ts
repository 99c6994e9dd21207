import { z } from 'zod';
import { msg } from '../domain/message';
import { canBrowseUsers, searchUsers } from '../jira/users';
import { resolver, UserError } from './envelope';

/**
 * People to pick as action owner or next facilitator. No match is asked about once more: a person
 * without "Browse users and groups" gets an empty list from Jira, and is told why.
 */
export const findUsers = resolver(z.object({ query: z.string().trim().min(1).max(100) }).strict(), async ({ query }, { client }) => {
  const users = await searchUsers(client, query);
  if (users.length === 0 && !(await canBrowseUsers(client))) throw new UserError('FORBIDDEN', msg('error.browseUsers'));
  return { data: users };
});
