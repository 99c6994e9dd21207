import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Stack, Text } from '@atlaskit/primitives';
import type { IssueFacts, SprintFacts, SprintModel } from '../../../../src/domain/sprintFacts';
import { day, num, unitLabel } from '../format';
import { useResolver } from '../useResolver';
import { OUTCOME } from './outcome';

interface Journey { issueKey: string; sprints: { sprint: SprintModel; unit: SprintFacts['unit']; issue: IssueFacts }[] }

/** Issue panel: the sprints this issue went through, and how it fared in each. */
export function IssueSprintsPanel({ issueKey }: { issueKey: string }) {
  const journey = useResolver<Journey>('getIssueSprints', { issueKey });
  if (journey.state === 'loading' || journey.state === 'idle') return <Spinner label="Loading sprint history" />;
  if (journey.state === 'error') return <SectionMessage appearance="error" title="Could not load"><p>{journey.error.message}</p></SectionMessage>;
  const rows = journey.value.data.sprints;
  if (rows.length === 0) return <Text>{issueKey} has not been in a started sprint yet.</Text>;
  const carried = rows.filter((r) => r.issue.outcome === 'notCompleted').length;
  return (
    <Stack space="space.150" testId="issue-sprints">
      <Text>{carried > 0 ? `${issueKey} was carried over ${carried} time${carried > 1 ? 's' : ''}.` : `${issueKey} went through ${rows.length} sprint${rows.length > 1 ? 's' : ''}.`}</Text>
      {journey.value.warnings.map((w) => <SectionMessage key={w} appearance="warning" title="Some data could not be loaded"><p>{w}</p></SectionMessage>)}
      <DynamicTable
        caption="Sprints of this issue"
        head={{ cells: [{ key: 's', content: 'Sprint' }, { key: 'j', content: 'Joined' }, { key: 'e', content: 'Estimate' }, { key: 'o', content: 'Outcome' }] }}
        rows={rows.map(({ sprint, unit, issue }) => ({
          key: String(sprint.id),
          cells: [
            { key: 's', content: sprint.name },
            { key: 'j', content: issue.committed ? 'At start' : `Added ${day(issue.joinedAt)}` },
            { key: 'e', content: `${issue.estimateAtJoin === issue.estimateAtEnd ? num(issue.estimateAtEnd) : `${num(issue.estimateAtJoin)} → ${num(issue.estimateAtEnd)}`} ${unitLabel(unit)}` },
            { key: 'o', content: <Lozenge appearance={OUTCOME[issue.outcome].appearance}>{OUTCOME[issue.outcome].text}</Lozenge> },
          ],
        }))}
      />
    </Stack>
  );
}
