import { router } from '@forge/bridge';

/** A Jira issue key that opens the issue through Jira's router (a plain link inside the iframe would not). */
export function IssueLink({ issueKey }: { issueKey: string }) {
  return (
    <a href={`/browse/${issueKey}`} onClick={(e) => { e.preventDefault(); void router.open({ target: 'issue', issueKey }); }}>{issueKey}</a>
  );
}
