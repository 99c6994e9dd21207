import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import TextArea from '@atlaskit/textarea';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { isShare, METRICS, metricLabel, xmr, type Metric, type Pattern, type SprintPoint } from '../../../../src/domain/patterns';
import { refinementHealth, type BacklogItem, type ItemReadiness } from '../../../../src/domain/readiness';
import { plural } from '../../../../src/domain/message';
import type { BoardSummary } from '../../../../src/jira/boards';
import { call, ResolverError } from '../api';
import { num, pct } from '../format';
import { useResolver } from '../useResolver';
import { useT } from '../i18n';

interface TeamResult {
  team: string; boardId: number; series: SprintPoint[]; velocityCv: number | null;
  participation: { sprintName: string; people: number }[];
  actions: { total: number; done: number; completionRate: number | null; openAgeDays: number[] };
  heat: { word: string; counts: { sprintName: string; n: number }[] }[];
  themes: { word: string; related: string[] }[];
}
interface Patterns { teams: TeamResult[]; patterns: Pattern[]; csv: string }
interface Option { label: string; value: number }

const CHUNK = 8;
const card = xcss({ backgroundColor: 'color.background.neutral.subtle', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium', padding: 'space.100' });
const WINDOWS = [5, 10, 13, 26];

/** Coach view: series per team with XmR limits, patterns as questions, a theme heat map, CSV. */
export function CoachView() {
  const t = useT();
  const windows = WINDOWS.map((n) => ({ label: t('coach.lastSprints', { n }), value: n }));
  const boards = useResolver<BoardSummary[]>('getBoards', {});
  const [chosen, setChosen] = useState<Option[]>([]);
  const [windowSize, setWindow] = useState(10);
  const [series, setSeries] = useState<Record<number, SprintPoint[]>>({});
  const [result, setResult] = useState<Patterns | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [showCsv, setShowCsv] = useState(false);
  const [runway, setRunway] = useState<Record<number, number | null>>({});

  useEffect(() => { if (boards.state === 'done' && !chosen.length) setChosen(boards.value.data.map((b) => ({ label: b.name, value: b.id }))); }, [boards, chosen.length]);

  const load = async () => {
    setError(null); setResult(null); setSeries({}); setWarnings([]);
    try {
      const teams: { boardId: number; sprintIds: number[] }[] = [];
      for (const team of chosen) {
        const { data } = await call<{ sprints: { id: number; name: string }[] }>('getCoachSprints', { boardId: team.value, window: windowSize });
        const ids = data.sprints.map((s) => s.id);
        teams.push({ boardId: team.value, sprintIds: ids });
        // Progressive: each chunk of sprints is drawn as soon as it is in (cold sprints are computed here, then cached).
        for (let i = 0; i < ids.length; i += CHUNK) {
          setProgress(t('coach.progress', { team: team.label, from: i + 1, to: Math.min(ids.length, i + CHUNK), n: ids.length }));
          const chunk = await call<SprintPoint[]>('getTeamSeries', { boardId: team.value, sprintIds: ids.slice(i, i + CHUNK) });
          setSeries((s) => ({ ...s, [team.value]: [...(s[team.value] ?? []), ...chunk.data] }));
          if (chunk.warnings.length) setWarnings((w) => [...w, ...chunk.warnings]);
        }
      }
      // Ready runway today, from the top of each backlog (its history is not kept, so no series).
      for (const team of chosen) {
        const { data } = await call<{ items: (BacklogItem & { readiness: ItemReadiness })[]; velocities: number[]; splitAt: number | null }>('getBacklog', { boardId: team.value, pages: 1 });
        const h = refinementHealth(data.items, data.items.map((i) => i.readiness), data.velocities, data.splitAt, Date.now());
        setRunway((r) => ({ ...r, [team.value]: h.readyRunwaySprints }));
      }
      setProgress(t('coach.looking'));
      const { data, warnings: w } = await call<Patterns>('getCoachPatterns', { teams });
      setResult(data);
      setWarnings((x) => [...x, ...w]);
    } catch (e) { setError((e as ResolverError).message); } finally { setProgress(null); }
  };

  const options: Option[] = boards.state === 'done' ? boards.value.data.map((b) => ({ label: b.name, value: b.id })) : [];
  return (
    <Stack space="space.300" testId="coach">
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <Box xcss={xcss({ minWidth: '320px' })}>
          <label htmlFor="coach-teams">{t('coach.teams')}</label>
          <Select inputId="coach-teams" isMulti options={options} value={chosen} onChange={(v) => setChosen([...(v as Option[])])} />
        </Box>
        <Box xcss={xcss({ minWidth: '180px' })}>
          <label htmlFor="coach-window">{t('coach.window')}</label>
          <Select inputId="coach-window" options={windows} value={windows.find((w) => w.value === windowSize)} onChange={(o) => setWindow((o as Option).value)} />
        </Box>
        <Button appearance="primary" isDisabled={!chosen.length || !!progress} onClick={load} testId="coach-load">{t('coach.show')}</Button>
        {result && <Button onClick={() => setShowCsv((v) => !v)}>{t('coach.exportCsv')}</Button>}
      </Inline>
      {boards.state === 'done' && options.length === 0 && <Text>{t('retro.noBoards')}</Text>}
      {progress && <Inline space="space.100" alignBlock="center"><Spinner size="small" label={t('app.loading')} /><Text>{progress}</Text></Inline>}
      {error && <SectionMessage appearance="error" title={t('facts.couldNotLoad')}><p>{error}</p></SectionMessage>}
      {warnings.map((w) => <SectionMessage key={w} appearance="warning" title={t('facts.partialTitle')}><p>{w}</p></SectionMessage>)}
      {showCsv && result && (
        <Stack space="space.050">
          <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(result.csv)}`} download="scrum-coach-series.csv">{t('coach.download', { file: 'scrum-coach-series.csv' })}</a>
          <TextArea aria-label={t('coach.csvLabel')} value={result.csv} isReadOnly minimumRows={6} />
        </Stack>
      )}
      {result && (
        <Stack space="space.150" testId="patterns">
          <Heading size="medium" as="h2">{t('coach.patterns')}</Heading>
          {result.patterns.length === 0 && <Text>{t('coach.nothing')}</Text>}
          {result.patterns.map((p) => (
            <Box key={p.id} xcss={card}>
              <Stack space="space.050">
                <Inline space="space.100" alignBlock="center" shouldWrap>
                  <Lozenge appearance="new">{t(`pillar.${p.pillar}`)}</Lozenge><Lozenge>{t(`stance.${p.stance.replace(' ', '_')}`)}</Lozenge>
                  {p.kind === 'cross-team-theme' && <Lozenge appearance="moved">{t('coach.organisation')}</Lozenge>}
                  <Text weight="bold">{t(p.title)}</Text>
                </Inline>
                <Text>{t(p.question)}</Text>
                <Text size="small" color="color.text.subtle">{p.evidence.map((e) => t(e)).join(' · ')}</Text>
              </Stack>
            </Box>
          ))}
        </Stack>
      )}
      {chosen.filter((c) => series[c.value]?.length).map((c) => {
        const team = result?.teams.find((x) => x.boardId === c.value);
        const sprints = runway[c.value];
        return (
          <Stack key={c.value} space="space.100" testId={`team-${c.label}`}>
            <Heading size="medium" as="h2">{c.label}</Heading>
            {team && (
              <Text>
                {[
                  t('coach.runway', { runway: sprints === undefined || sprints === null ? '—' : t('coach.sprints', { n: sprints }) }),
                  t('coach.cv', { cv: team.velocityCv === null ? '—' : `${Math.round(team.velocityCv * 100)}%` }),
                  t('coach.actionsDone', { done: team.actions.total ? t('coach.doneOf', { done: team.actions.done, total: team.actions.total }) : t('coach.noneYet') }),
                  ...(team.actions.openAgeDays.length ? [t('coach.openAge', { days: Math.max(...team.actions.openAgeDays) })] : []),
                  t('coach.participation', { people: team.participation.length ? team.participation.map((p) => `${p.sprintName} ${p.people}`).join(', ') : t('coach.noRetros') }),
                ].join(' · ')}
              </Text>
            )}
            <Inline space="space.150" shouldWrap>
              {METRICS.map((m) => <SmallMultiple key={m} metric={m} points={series[c.value]} />)}
            </Inline>
            {team && team.heat.length > 0 && <HeatMap heat={team.heat} />}
          </Stack>
        );
      })}
    </Stack>
  );
}

const W = 220, H = 90, P = 6;

/** One metric over the window, with XmR limits dashed and points outside them marked. */
function SmallMultiple({ metric, points }: { metric: Metric; points: SprintPoint[] }) {
  const t = useT();
  const label = t(metricLabel(metric));
  const values = points.map((p) => p.values[metric]);
  const present = values.filter((v): v is number => v !== null);
  const limits = xmr(values);
  const hi = Math.max(...present, limits?.upper ?? -Infinity, 0.0001), lo = Math.min(...present, limits ? Math.max(0, limits.lower) : Infinity, 0);
  const x = (i: number) => P + (i / Math.max(1, points.length - 1)) * (W - 2 * P);
  const y = (v: number) => H - P - ((v - lo) / (hi - lo || 1)) * (H - 2 * P);
  const fmt = (v: number) => (isShare(metric) ? pct(v) : num(v));
  const path = values.map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean).join(' L');
  const last = present.at(-1);
  const outside = new Set(limits?.outside ?? []);
  const summary = [
    present.length ? t('coach.chart.latest', { metric: label, value: fmt(last!) }) : t('coach.chart.noData', { metric: label }),
    ...(limits ? [t('coach.chart.range', { lower: fmt(Math.max(0, limits.lower)), upper: fmt(limits.upper) })] : []),
    ...(outside.size ? [t(plural(outside.size, 'coach.chart.outside'))] : []),
  ].join(', ') + '.';
  return (
    <Box xcss={card} testId={`chart-${metric}`}>
      <Stack space="space.025">
        <Text size="small" weight="bold">{label} {last !== undefined ? fmt(last) : '—'}</Text>
        <svg width={W} height={H} role="img" aria-label={summary}>
          {limits && [limits.upper, Math.max(lo, limits.lower), limits.mean].map((v, k) => (
            <line key={k} x1={P} x2={W - P} y1={y(v)} y2={y(v)} stroke={token(k === 2 ? 'color.border' : 'color.border.warning')} strokeDasharray={k === 2 ? '2 3' : '5 3'} />
          ))}
          {path && <path d={`M${path}`} fill="none" stroke={token('color.chart.blue.bold')} strokeWidth="2" />}
          {values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={outside.has(i) ? 4 : 2.5} fill={token(outside.has(i) ? 'color.chart.danger.bold' : 'color.chart.blue.bold')} />))}
        </svg>
      </Stack>
    </Box>
  );
}

/** Recurring retro themes by sprint: darker = more cards. */
function HeatMap({ heat }: { heat: TeamResult['heat'] }) {
  const t = useT();
  const sprints = heat[0].counts.map((c) => c.sprintName);
  const max = Math.max(1, ...heat.flatMap((h) => h.counts.map((c) => c.n)));
  const shade = (n: number) => (n === 0 ? token('color.background.neutral') : n / max > 0.66 ? token('color.background.accent.purple.bolder') : n / max > 0.33 ? token('color.background.accent.purple.subtle') : token('color.background.accent.purple.subtlest'));
  return (
    <Stack space="space.050" testId="heatmap">
      <Text weight="bold">{t('coach.heatTitle')}</Text>
      <table style={{ borderCollapse: 'separate', borderSpacing: 2 }}>
        <thead><tr><th scope="col" style={{ textAlign: 'left' }}>{t('coach.theme')}</th>{sprints.map((s) => <th key={s} scope="col" style={{ font: token('font.body.small') }}>{s}</th>)}</tr></thead>
        <tbody>
          {heat.map((h) => (
            <tr key={h.word}>
              <th scope="row" style={{ textAlign: 'left', font: token('font.body.small') }}>{h.word}</th>
              {h.counts.map((c) => <td key={c.sprintName} title={t('coach.heatCell', { word: h.word, sprint: c.sprintName, n: c.n })} style={{ background: shade(c.n), minWidth: 40, textAlign: 'center', color: token(c.n / max > 0.66 ? 'color.text.inverse' : 'color.text'), font: token('font.body.small') }}>{c.n || ''}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </Stack>
  );
}
