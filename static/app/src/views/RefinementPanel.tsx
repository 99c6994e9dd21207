import { useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Checkbox from '@atlaskit/checkbox';
import Textfield from '@atlaskit/textfield';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { BacklogItem, DefinitionOfReady, ItemReadiness } from '../../../../src/domain/readiness';
import { refinementHealth } from '../../../../src/domain/readiness';
import { refinementPrompts } from '../../../../src/domain/prompts';
import { SCORE_FIELDS, suggestOrder } from '../../../../src/domain/prioritisation';
import type { BoardSummary } from '../../../../src/jira/boards';
import { call, ResolverError } from '../api';
import { num } from '../format';
import { useResolver } from '../useResolver';
import { IssueLink } from './IssueLink';
import { useT } from '../i18n';

interface Row extends BacklogItem {
  readiness: ItemReadiness;
  scores: Record<string, number> | null;
  derivedValue: number | null;
  wsjf: number | null;
  valueForEffort: number | null;
  stakeholderIds: string[];
}
interface Page { dor: DefinitionOfReady; velocities: number[]; splitAt: number | null; nextPageToken: string | null; items: Row[] }

const box = xcss({ backgroundColor: 'color.background.discovery', borderRadius: 'radius.medium', padding: 'space.150' });
const oneToTen = Array.from({ length: 10 }, (_, i) => ({ label: String(i + 1), value: i + 1 }));

/** The board backlog with readiness, scores, and a suggested order that can be applied in Jira. */
export function RefinementPanel({ boardId: fromContext, projectKey }: { boardId?: number; projectKey?: string }) {
  const t = useT();
  const boards = useResolver<BoardSummary[]>('getBoards', fromContext ? null : projectKey ? { projectKey } : {});
  const boardId = fromContext ?? (boards.state === 'done' ? boards.value.data[0]?.id : undefined);
  const [reload, setReload] = useState(0);
  const [rows, setRows] = useState<Row[]>([]);
  const [meta, setMeta] = useState<Omit<Page, 'items' | 'nextPageToken'> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [by, setBy] = useState<'wsjf' | 'valueForEffort'>('wsjf');
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // Set by Apply order: the reload asks for the order as ranked, which Jira's backlog list shows only later.
  const justRanked = useRef(false);

  // Progressive paging: show each chunk as it arrives.
  useEffect(() => {
    if (!boardId) return;
    let live = true;
    setRows([]); setLoading(true); setError(null);
    const afterRank = justRanked.current;
    justRanked.current = false;
    (async () => {
      let token: string | null = null;
      do {
        const { data }: { data: Page } = await call<Page>('getBacklog', { boardId, pages: 3, afterRank, ...(token ? { pageToken: token } : {}) });
        if (!live) return;
        setMeta({ dor: data.dor, velocities: data.velocities, splitAt: data.splitAt });
        setRows((r) => [...r, ...data.items]);
        token = data.nextPageToken;
      } while (token);
    })().catch((e) => live && setError((e as ResolverError).message)).finally(() => live && setLoading(false));
    return () => { live = false; };
  }, [boardId, reload]);

  const health = useMemo(() => (meta && !loading ? refinementHealth(rows, rows.map((r) => r.readiness), meta.velocities, meta.splitAt, Date.now()) : null), [rows, meta, loading]);
  const prompts = health ? refinementPrompts(health) : [];
  const ranked = useMemo(() => suggestOrder(rows.map((r) => ({ key: r.key, score: r[by] }))), [rows, by]);
  const suggested = new Map(ranked.map((r) => [r.key, r]));
  const changedUpTo = ranked.reduce((last, r, i) => (r.moved !== 0 ? i : last), -1);

  if (boards.state === 'done' && !boardId) return <Text>{t('retro.noBoards')}</Text>;
  const apply = async () => {
    setConfirming(false); setError(null);
    try {
      const { data, warnings } = await call<{ moved: number; calls: number }>('applyOrder', { boardId, order: ranked.slice(0, changedUpTo + 1).map((r) => r.key) });
      setNotice([t('refine.reranked', { n: data.moved, calls: data.calls }), ...warnings].join(' '));
      justRanked.current = true;
      setReload((n) => n + 1);
    } catch (e) { setError((e as ResolverError).message); }
  };

  return (
    <Stack space="space.200" testId="refinement">
      {error && <SectionMessage appearance="error" title={t('refine.error')}><p>{error}</p></SectionMessage>}
      {notice && <SectionMessage appearance="success"><p>{notice}</p></SectionMessage>}
      {loading && <Inline space="space.100" alignBlock="center"><Spinner size="small" label={t('refine.loading')} /><Text>{t('refine.loaded', { n: rows.length })}</Text></Inline>}
      {health && (
        <Inline space="space.300" shouldWrap testId="refinement-health">
          <Text>{t('refine.runway')} <b>{num(health.readyRunwayEstimate)}</b> ({health.readyRunwaySprints === null ? '—' : t('coach.sprints', { n: health.readyRunwaySprints })}; {t('refine.aim')})</Text>
          <Text>{t('refine.readyItems')} <b>{health.readyCount}</b> {t('refine.of', { n: rows.length })}</Text>
          <Text>{t('refine.velocity', { velocity: num(health.averageVelocity) })}</Text>
          <Text>{t('refine.tooBig', { max: num(meta?.splitAt ?? null), n: health.tooBig.length })}</Text>
        </Inline>
      )}
      {prompts.length > 0 && (
        <Box xcss={box}>
          <Stack space="space.100">
            {prompts.map((p) => <Stack key={p.id} space="space.050"><Inline space="space.100"><Lozenge appearance="new">{t(`pillar.${p.pillar}`)}</Lozenge><Text weight="medium">{t(p.text)}</Text></Inline><Text size="small" color="color.text.subtle">{p.evidence.map((e) => t(e)).join(', ')}</Text></Stack>)}
          </Stack>
        </Box>
      )}
      {meta && <DorEditor boardId={boardId!} dor={meta.dor} onSaved={() => setReload((n) => n + 1)} />}
      <Inline space="space.150" alignBlock="center" shouldWrap>
        <Heading size="small" as="h3">{t('refine.orderBy')}</Heading>
        <Button isSelected={by === 'wsjf'} onClick={() => setBy('wsjf')}>WSJF</Button>
        <Button isSelected={by === 'valueForEffort'} onClick={() => setBy('valueForEffort')}>{t('refine.valueForEffort')}</Button>
        <Button appearance="primary" isDisabled={changedUpTo < 0 || loading} onClick={() => setConfirming(true)} testId="apply-order">{t('refine.apply')}</Button>
      </Inline>
      {confirming && (
        <SectionMessage appearance="warning" title={t('refine.confirmTitle', { n: changedUpTo + 1 })}
          actions={[<Button key="yes" appearance="warning" onClick={apply} testId="confirm-apply">{t('refine.confirmYes')}</Button>, <Button key="no" appearance="subtle" onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>]}>
          <p>{t('refine.confirmText')}</p>
        </SectionMessage>
      )}
      <DynamicTable
        caption={t('refine.backlog')}
        isLoading={loading && rows.length === 0}
        head={{ cells: [{ key: 'r', content: '#' }, { key: 'k', content: t('facts.colIssue') }, { key: 's', content: t('facts.colSummary') }, { key: 'e', content: t('refine.colEstimate') },
          { key: 'ready', content: t('refine.ready') }, { key: 'w', content: by === 'wsjf' ? 'WSJF' : t('refine.colValueEffort') }, { key: 'm', content: t('refine.colSuggested') }, { key: 'a', content: '' }] }}
        rows={rows.map((r, i) => {
          const sug = suggested.get(r.key)!;
          const failing = r.readiness.checks.filter((c) => !c.ok);
          return {
            key: r.key,
            cells: [
              { key: 'r', content: i + 1 },
              { key: 'k', content: <IssueLink issueKey={r.key} /> },
              { key: 's', content: editing === r.key ? <ScoreForm row={r} boardId={boardId!} onDone={(updated) => { setEditing(null); if (updated) setRows((rs) => rs.map((x) => (x.key === r.key ? { ...x, ...updated } : x))); }} /> : r.summary },
              { key: 'e', content: num(r.estimate) },
              { key: 'ready', content: r.readiness.ready ? <Lozenge appearance="success">{t('refine.ready')}</Lozenge> : <Stack space="space.025"><Lozenge appearance="moved">{t('refine.notReady')}</Lozenge><Text size="small" color="color.text.subtle">{failing.map((c) => t(c.detail)).join('; ')}</Text></Stack> },
              { key: 'w', content: num(r[by]) },
              { key: 'm', content: sug.moved === 0 ? '—' : `${sug.suggestedRank} (${sug.moved > 0 ? '↑' : '↓'}${Math.abs(sug.moved)})` },
              { key: 'a', content: editing === r.key ? null : <Button spacing="compact" onClick={() => setEditing(r.key)} aria-label={t('refine.scoreKey', { key: r.key })}>{t('refine.score')}</Button> },
            ],
          };
        })}
        rowsPerPage={50}
      />
    </Stack>
  );
}

function ScoreForm({ row, boardId, onDone }: { row: Row; boardId: number; onDone: (updated: Partial<Row> | null) => void }) {
  const t = useT();
  const [scores, setScores] = useState<Record<string, number>>({ ...(row.scores ?? {}) });
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      const clean = Object.fromEntries(SCORE_FIELDS.map((k) => [k, scores[k]]).filter(([, v]) => v !== undefined));
      const { data } = await call<Record<string, number> & { wsjf: number | null; valueForEffort: number | null }>('setScores', { boardId, issueKey: row.key, scores: clean });
      onDone({ scores: data, wsjf: data.wsjf, valueForEffort: data.valueForEffort });
    } catch (e) { setError((e as ResolverError).message); }
  };
  return (
    <Stack space="space.100" testId={`score-form-${row.key}`}>
      <Text weight="medium">{row.summary}</Text>
      <Inline space="space.100" shouldWrap>
        {SCORE_FIELDS.map((k) => (
          <Box key={k} xcss={xcss({ minWidth: '120px' })}>
            <Text size="small">{t(`refine.scoreField.${k}`)}{k === 'value' && row.derivedValue !== null ? ` ${t('refine.derived', { value: row.derivedValue })}` : ''}</Text>
            <Select aria-label={t('refine.fieldOf', { field: t(`refine.scoreField.${k}`), key: row.key })} spacing="compact" options={oneToTen} value={oneToTen.find((o) => o.value === scores[k]) ?? null}
              onChange={(o) => setScores((s) => ({ ...s, [k]: (o as { value: number }).value }))} />
          </Box>
        ))}
      </Inline>
      <Inline space="space.100">
        <Button appearance="primary" onClick={save}>{t('refine.saveScores')}</Button>
        <Button appearance="subtle" onClick={() => onDone(null)}>{t('common.cancel')}</Button>
      </Inline>
      {error && <SectionMessage appearance="error"><p>{error}</p></SectionMessage>}
    </Stack>
  );
}

/** The board's Definition of Ready: which checks count, and their thresholds. */
function DorEditor({ boardId, dor, onSaved }: { boardId: number; dor: DefinitionOfReady; onSaved: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(dor);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(dor), [dor]);
  const flag = (k: 'requireAcceptanceCriteria' | 'requireEstimate' | 'requireParent' | 'requireNoBlockers' | 'requireStakeholder', label: string) => (
    <Checkbox label={label} isChecked={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.checked })} />
  );
  const number = (k: 'minDescriptionChars' | 'staleDays', label: string) => (
    <Box xcss={xcss({ width: '180px' })}>
      <Text size="small">{label}</Text>
      <Textfield aria-label={label} type="number" min={0} value={String(draft[k])} onChange={(e) => setDraft({ ...draft, [k]: Number((e.target as HTMLInputElement).value) })} isCompact />
    </Box>
  );
  const save = async () => {
    setError(null);
    try { await call('setDefinitionOfReady', { boardId, dor: draft }); setOpen(false); onSaved(); } catch (e) { setError((e as ResolverError).message); }
  };
  if (!open) return <Button appearance="subtle" onClick={() => setOpen(true)}>{t('refine.editDor')}</Button>;
  return (
    <Stack space="space.100" testId="dor-editor">
      <Heading size="small" as="h3">{t('refine.dor')}</Heading>
      <Inline space="space.200" shouldWrap>
        {number('minDescriptionChars', t('refine.dorDescription'))}
        {number('staleDays', t('refine.dorStale'))}
        <Box xcss={xcss({ width: '220px' })}>
          <Text size="small">{t('refine.dorSplit')}</Text>
          <Textfield aria-label={t('refine.dorSplitLabel')} type="number" min={1} value={draft.splitThreshold === null ? '' : String(draft.splitThreshold)}
            onChange={(e) => { const v = (e.target as HTMLInputElement).value; setDraft({ ...draft, splitThreshold: v ? Number(v) : null }); }} isCompact />
        </Box>
      </Inline>
      <Inline space="space.200" shouldWrap>
        {flag('requireAcceptanceCriteria', t('refine.dorAc'))}
        {flag('requireEstimate', t('refine.dorEstimated'))}
        {flag('requireParent', t('refine.dorParent'))}
        {flag('requireNoBlockers', t('refine.dorUnblocked'))}
        {flag('requireStakeholder', t('readiness.detail.stakeholder'))}
      </Inline>
      <Inline space="space.100">
        <Button appearance="primary" onClick={save}>{t('common.save')}</Button>
        <Button appearance="subtle" onClick={() => { setDraft(dor); setOpen(false); }}>{t('common.cancel')}</Button>
      </Inline>
      {error && <SectionMessage appearance="error"><p>{error}</p></SectionMessage>}
    </Stack>
  );
}
