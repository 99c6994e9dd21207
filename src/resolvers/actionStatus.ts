import type { Action } from '../domain/retro';
import { msg, type Message } from '../domain/message';
import { JiraError, type JiraClient } from '../jira/client';
import { doneIssues } from '../jira/issueWrites';

/**
 * Whether each retro action is done now: an action tracked in Jira is done when its issue is (read
 * live); one without an issue when someone marked it done. If Jira cannot answer, stored flags are
 * used and a warning says so.
 */
export async function actionDoneNow(client: JiraClient, actions: Pick<Action, 'issueKey' | 'done'>[], warnings: Message[]): Promise<(a: Pick<Action, 'issueKey' | 'done'>) => boolean> {
  let liveDone = new Set<string>();
  const keys = actions.map((a) => a.issueKey).filter((k): k is string => !!k);
  if (keys.length) {
    try { liveDone = await doneIssues(client, keys); } catch (e) {
      if (!(e instanceof JiraError)) throw e;
      warnings.push(msg('warning.actionStatusStale', { error: e.text }));
      return (a) => a.done;
    }
  }
  return (a) => (a.issueKey ? liveDone.has(a.issueKey) : a.done);
}
