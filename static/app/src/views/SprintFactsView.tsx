import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import DynamicTable from '@atlaskit/dynamic-table';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { IssueFacts, SprintFacts } from '../../../../src/domain/sprintFacts';
import { metricLabel } from '../../../../src/domain/patterns';
import { IssueLink } from './IssueLink';
import { OUTCOME } from './outcome';
import { day, num, pct, unitLabel } from '../format';
import { BurndownChart } from './BurndownChart';
import { useT } from '../i18n';

const tile = xcss({
  backgroundColor: 'color.background.neutral.subtle', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width',
  borderRadius: 'radius.medium', padding: 'space.150', minWidth: '150px',
});

/** `id` names the tile for tests whatever the language. */
function Metric({ id, label, value, hint }: { id: string; label: string; value: string; hint?: string }) {
  return (
    <Box xcss={tile} testId={`metric-${id}`}>
      <Stack space="space.050">
        <Text size="small" color="color.text.subtlest">{label}</Text>
        <Text size="large" weight="bold">{value}</Text>
        {hint && <Text size="small" color="color.text.subtle">{hint}</Text>}
      </Stack>
    </Box>
  );
}


function estimateText(f: IssueFacts) {
  if (f.estimateAtJoin === f.estimateAtEnd) return num(f.estimateAtEnd);
  return `${num(f.estimateAtJoin)} → ${num(f.estimateAtEnd)}`;
}

function IssueTable({ issues, caption }: { issues: IssueFacts[]; caption: string }) {
  const t = useT();
  return (
    <DynamicTable
      caption={caption}
      head={{ cells: [{ key: 'key', content: t('facts.colIssue') }, { key: 'summary', content: t('facts.colSummary') }, { key: 'type', content: t('facts.colType') },
        { key: 'est', content: t('facts.colEstimate') }, { key: 'outcome', content: t('facts.colOutcome') }, { key: 'when', content: t('facts.colJoined') }] }}
      rows={issues.map((f) => ({
        key: f.id,
        cells: [
          { key: 'key', content: <IssueLink issueKey={f.key} /> },
          { key: 'summary', content: f.summary },
          { key: 'type', content: f.type },
          { key: 'est', content: estimateText(f) },
          { key: 'outcome', content: <Inline space="space.050"><Lozenge appearance={OUTCOME[f.outcome].appearance}>{t(OUTCOME[f.outcome].text)}</Lozenge>{f.added && <Lozenge appearance="new">{t('outcome.added')}</Lozenge>}</Inline> },
          { key: 'when', content: f.committed ? t('facts.atStart') : day(f.joinedAt) },
        ],
      }))}
      rowsPerPage={20}
      emptyView={<Text>{t('facts.none')}</Text>}
    />
  );
}

/** The sprint report: headline figures, burndown with scope, and the items behind the figures. */
export function SprintFactsView({ facts }: { facts: SprintFacts }) {
  const t = useT();
  const u = t(unitLabel(facts.unit));
  const tot = facts.totals;
  const m = facts.metrics;
  const changed = facts.issues.filter((f) => f.estimateChanges.length > 0);
  return (
    <Stack space="space.300" testId="sprint-facts">
      <Stack space="space.050">
        <Heading size="medium" as="h2">{facts.sprint.name}</Heading>
        <Text color="color.text.subtle">
          {day(facts.window.start)} – {day(facts.window.end)}{facts.window.isFinal ? '' : t('facts.soFar')}{facts.sprint.goal ? ` · ${t('facts.goal')}: ${facts.sprint.goal}` : ''}
        </Text>
      </Stack>
      <Inline space="space.150" shouldWrap>
        <Metric id="Committed" label={t('facts.committed')} value={`${num(tot.committed.estimate)} ${u}`} hint={`${t('facts.issues', { n: tot.committed.count })}${tot.unestimatedCommitted ? `, ${t('facts.unestimated', { n: tot.unestimatedCommitted })}` : ''}`} />
        <Metric id="Added" label={t('facts.added')} value={`${num(tot.added.estimate)} ${u}`} hint={t('facts.issues', { n: tot.added.count })} />
        <Metric id="Removed" label={t('facts.removed')} value={`${num(tot.removed.estimate)} ${u}`} hint={t('facts.issues', { n: tot.removed.count })} />
        <Metric id="Completed" label={t('facts.completed')} value={`${num(tot.completed.estimate)} ${u}`} hint={t('facts.issues', { n: tot.completed.count })} />
        <Metric id="Not completed" label={t('facts.notCompleted')} value={`${num(tot.notCompleted.estimate)} ${u}`} hint={t('facts.issues', { n: tot.notCompleted.count })} />
        <Metric id="Done outside sprint" label={t('facts.doneOutside')} value={`${tot.completedOutside.count}`} hint={t('facts.issues', { n: tot.completedOutside.count })} />
      </Inline>
      <Inline space="space.150" shouldWrap>
        <Metric id="Scope change" label={t(metricLabel('scopeChange'))} value={pct(m.scopeChange)} hint={t('facts.scopeChangeHint')} />
        <Metric id="Say/do" label={t(metricLabel('sayDo'))} value={pct(m.sayDo)} hint={t('facts.sayDoHint')} />
        <Metric id="Throughput" label={t(metricLabel('throughput'))} value={`${m.throughput}`} hint={t('facts.throughputHint')} />
        <Metric id="Cycle time" label={t('facts.cycleTime')} value={`${num(m.cycleTimeP50)} / ${num(m.cycleTimeP85)} ${t('unitShort.days')}`} hint="p50 / p85" />
        <Metric id="Open work age" label={t('facts.openAge')} value={num(m.openAgeP50, ` ${t('unitShort.days')}`)} hint={t('facts.openAgeHint')} />
        <Metric id="Flagged" label={t('facts.flagged')} value={`${num(m.flaggedHours)} ${t('unitShort.hours')}`} hint={t('facts.flaggedHint')} />
        <Metric id="Bug share" label={t(metricLabel('bugShare'))} value={pct(m.bugShare)} hint={t('facts.bugShareHint')} />
        <Metric id="Unplanned" label={t('facts.unplanned')} value={pct(m.unplannedShare)} hint={t('facts.unplannedHint')} />
      </Inline>
      <BurndownChart facts={facts} />
      {tot.added.count > 0 && <IssueTable caption={t('facts.addedTable')} issues={facts.issues.filter((f) => f.added)} />}
      {tot.removed.count > 0 && <IssueTable caption={t('facts.removedTable')} issues={facts.issues.filter((f) => f.outcome === 'removed')} />}
      {changed.length > 0 && <IssueTable caption={t('facts.reestimatedTable')} issues={changed} />}
      <IssueTable caption={t('facts.allTable')} issues={facts.issues} />
    </Stack>
  );
}
