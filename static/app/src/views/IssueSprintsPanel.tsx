import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Stack, Text } from '@atlaskit/primitives';
import type { IssueFacts, SprintFacts, SprintModel } from '../../../../src/domain/sprintFacts';
import { plural } from '../../../../src/domain/message';
import { day, num, unitLabel } from '../format';
import { useResolver } from '../useResolver';
import { OUTCOME } from './outcome';
import { useT } from '../i18n';

interface Journey { issueKey: string; sprints: { sprint: SprintModel; unit: SprintFacts['unit']; issue: IssueFacts }[] }

/** Issue panel: the sprints this issue went through, and how it fared in each. */
export function IssueSprintsPanel({ issueKey }: { issueKey: string }) {
  const t = useT();
  const journey = useResolver<Journey>('getIssueSprints', { issueKey });
  if (journey.state === 'loading' || journey.state === 'idle') return <Spinner label={t('history.loading')} />;
  if (journey.state === 'error') return <SectionMessage appearance="error" title={t('facts.couldNotLoad')}><p>{journey.error.message}</p></SectionMessage>;
  const rows = journey.value.data.sprints;
  if (rows.length === 0) return <Text>{t('history.notYet', { key: issueKey })}</Text>;
  const carried = rows.filter((r) => r.issue.outcome === 'notCompleted').length;
  return (
    <Stack space="space.150" testId="issue-sprints">
      <Text>{carried > 0 ? t(plural(carried, 'history.carried', { key: issueKey })) : t(plural(rows.length, 'history.went', { key: issueKey }))}</Text>
      {journey.value.warnings.map((w) => <SectionMessage key={w} appearance="warning" title={t('facts.partialTitle')}><p>{w}</p></SectionMessage>)}
      <DynamicTable
        caption={t('history.caption')}
        head={{ cells: [{ key: 's', content: t('facts.sprint') }, { key: 'j', content: t('facts.colJoined') }, { key: 'e', content: t('facts.colEstimate') }, { key: 'o', content: t('facts.colOutcome') }] }}
        rows={rows.map(({ sprint, unit, issue }) => ({
          key: String(sprint.id),
          cells: [
            { key: 's', content: sprint.name },
            { key: 'j', content: issue.committed ? t('facts.atStart') : t('history.added', { date: day(issue.joinedAt) }) },
            { key: 'e', content: `${issue.estimateAtJoin === issue.estimateAtEnd ? num(issue.estimateAtEnd) : `${num(issue.estimateAtJoin)} → ${num(issue.estimateAtEnd)}`} ${t(unitLabel(unit))}` },
            { key: 'o', content: <Lozenge appearance={OUTCOME[issue.outcome].appearance}>{t(OUTCOME[issue.outcome].text)}</Lozenge> },
          ],
        }))}
      />
    </Stack>
  );
}
