import { z } from 'zod';
import { listBoards } from '../jira/boards';
import { projectKey, resolver } from './envelope';

/** Boards the caller can see (Jira filters them), optionally of one project. */
export const getBoards = resolver(z.object({ projectKey: projectKey.optional() }).strict(), async (input, { client }) => ({
  data: await listBoards(client, input.projectKey),
}));
