import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import DynamicTable from '@atlaskit/dynamic-table';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { router } from '@forge/bridge';
import type { IssueFacts, SprintFacts } from '../../../../src/domain/sprintFacts';
import { OUTCOME } from './outcome';
import { day, num, pct, unitLabel } from '../format';
import { BurndownChart } from './BurndownChart';

const tile = xcss({
  backgroundColor: 'color.background.neutral.subtle', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width',
  borderRadius: 'radius.medium', padding: 'space.150', minWidth: '150px',
});

function Metric({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Box xcss={tile} testId={`metric-${label}`}>
      <Stack space="space.050">
        <Text size="small" color="color.text.subtlest">{label}</Text>
        <Text size="large" weight="bold">{value}</Text>
        {hint && <Text size="small" color="color.text.subtle">{hint}</Text>}
      </Stack>
    </Box>
  );
}

function IssueLink({ issueKey }: { issueKey: string }) {
  return (
    <a href={`/browse/${issueKey}`} onClick={(e) => { e.preventDefault(); void router.open({ target: 'issue', issueKey }); }}>{issueKey}</a>
  );
}

function estimateText(f: IssueFacts) {
  if (f.estimateAtJoin === f.estimateAtEnd) return num(f.estimateAtEnd);
  return `${num(f.estimateAtJoin)} → ${num(f.estimateAtEnd)}`;
}

function IssueTable({ issues, caption }: { issues: IssueFacts[]; caption: string }) {
  return (
    <DynamicTable
      caption={caption}
      head={{ cells: [{ key: 'key', content: 'Issue' }, { key: 'summary', content: 'Summary' }, { key: 'type', content: 'Type' },
        { key: 'est', content: 'Estimate' }, { key: 'outcome', content: 'Outcome' }, { key: 'when', content: 'Joined' }] }}
      rows={issues.map((f) => ({
        key: f.id,
        cells: [
          { key: 'key', content: <IssueLink issueKey={f.key} /> },
          { key: 'summary', content: f.summary },
          { key: 'type', content: f.type },
          { key: 'est', content: estimateText(f) },
          { key: 'outcome', content: <Inline space="space.050"><Lozenge appearance={OUTCOME[f.outcome].appearance}>{OUTCOME[f.outcome].text}</Lozenge>{f.added && <Lozenge appearance="new">Added</Lozenge>}</Inline> },
          { key: 'when', content: f.committed ? 'At start' : day(f.joinedAt) },
        ],
      }))}
      rowsPerPage={20}
      emptyView={<Text>None.</Text>}
    />
  );
}

/** The sprint report: headline figures, burndown with scope, and the items behind the figures. */
export function SprintFactsView({ facts }: { facts: SprintFacts }) {
  const u = unitLabel(facts.unit);
  const t = facts.totals;
  const m = facts.metrics;
  const changed = facts.issues.filter((f) => f.estimateChanges.length > 0);
  return (
    <Stack space="space.300" testId="sprint-facts">
      <Stack space="space.050">
        <Heading size="medium" as="h2">{facts.sprint.name}</Heading>
        <Text color="color.text.subtle">
          {day(facts.window.start)} – {day(facts.window.end)}{facts.window.isFinal ? '' : ' (so far)'}{facts.sprint.goal ? ` · Goal: ${facts.sprint.goal}` : ''}
        </Text>
      </Stack>
      <Inline space="space.150" shouldWrap>
        <Metric label="Committed" value={`${num(t.committed.estimate)} ${u}`} hint={`${t.committed.count} issues${t.unestimatedCommitted ? `, ${t.unestimatedCommitted} unestimated` : ''}`} />
        <Metric label="Added" value={`${num(t.added.estimate)} ${u}`} hint={`${t.added.count} issues`} />
        <Metric label="Removed" value={`${num(t.removed.estimate)} ${u}`} hint={`${t.removed.count} issues`} />
        <Metric label="Completed" value={`${num(t.completed.estimate)} ${u}`} hint={`${t.completed.count} issues`} />
        <Metric label="Not completed" value={`${num(t.notCompleted.estimate)} ${u}`} hint={`${t.notCompleted.count} issues`} />
        <Metric label="Done outside sprint" value={`${t.completedOutside.count}`} hint="issues" />
      </Inline>
      <Inline space="space.150" shouldWrap>
        <Metric label="Scope change" value={pct(m.scopeChange)} hint="added + removed vs committed" />
        <Metric label="Say/do" value={pct(m.sayDo)} hint="committed work completed" />
        <Metric label="Throughput" value={`${m.throughput}`} hint="issues completed" />
        <Metric label="Cycle time" value={`${num(m.cycleTimeP50)} / ${num(m.cycleTimeP85)} d`} hint="p50 / p85" />
        <Metric label="Open work age" value={`${num(m.openAgeP50, ' d')}`} hint="p50 of unfinished, started items" />
        <Metric label="Flagged" value={`${num(m.flaggedHours)} h`} hint="time items were flagged" />
        <Metric label="Bug share" value={pct(m.bugShare)} hint="of completed issues" />
        <Metric label="Unplanned" value={pct(m.unplannedShare)} hint="added work in all work" />
      </Inline>
      <BurndownChart facts={facts} />
      {t.added.count > 0 && <IssueTable caption="Added after the sprint started" issues={facts.issues.filter((f) => f.added)} />}
      {t.removed.count > 0 && <IssueTable caption="Removed before the sprint ended" issues={facts.issues.filter((f) => f.outcome === 'removed')} />}
      {changed.length > 0 && <IssueTable caption="Re-estimated after joining" issues={changed} />}
      <IssueTable caption="All issues in the sprint" issues={facts.issues} />
    </Stack>
  );
}
