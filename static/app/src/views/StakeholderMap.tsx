import { useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { draggable, dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import type { Prompt } from '../../../../src/domain/prompts';
import { quadrant, quadrantTitle, type Quadrant, type Stakeholder, type StakeholderInsight, type StakeholderLink } from '../../../../src/domain/stakeholders';
import type { Snapshot } from '../../../../src/store/stakeholderStore';
import { call, ResolverError } from '../api';
import { useResolver } from '../useResolver';
import { UserPicker } from './UserPicker';
import { useT } from '../i18n';

type Person = Stakeholder & { quadrant: Quadrant };
interface MapData { stakeholders: Person[]; links: StakeholderLink[]; snapshots: Snapshot[] }
interface Insights { insights: StakeholderInsight[]; prompts: Prompt[]; sprints: string[] }

const grid = xcss({ display: 'grid', gridTemplateColumns: 'repeat(5, minmax(110px, 1fr))', gap: 'space.050' });
const cell = xcss({ minHeight: '72px', padding: 'space.075', borderRadius: 'radius.small', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width' });
const QUADRANT_BG: Record<Quadrant, ReturnType<typeof xcss>> = {
  manageClosely: xcss({ backgroundColor: 'color.background.danger' }),
  keepSatisfied: xcss({ backgroundColor: 'color.background.warning' }),
  keepInformed: xcss({ backgroundColor: 'color.background.information' }),
  monitor: xcss({ backgroundColor: 'color.background.neutral' }),
};
const over = xcss({ backgroundColor: 'color.background.selected' });
const chip = xcss({ backgroundColor: 'elevation.surface.raised', boxShadow: 'elevation.shadow.raised', borderRadius: 'radius.small', paddingInline: 'space.075', paddingBlock: 'space.025' });
const oneToFive = [1, 2, 3, 4, 5].map((n) => ({ label: String(n), value: n }));

/** The PO's power/interest grid, links to backlog items, insights from real sprint data, and history. */
export function StakeholderMap({ projectKey }: { projectKey: string }) {
  const t = useT();
  const [version, setVersion] = useState(0);
  const map = useResolver<MapData>('getStakeholderMap', { projectKey }, version);
  const insights = useResolver<Insights>('getStakeholderInsights', { projectKey }, version);
  const [error, setError] = useState<string | null>(null);
  const save = async (s: Partial<Stakeholder> & { name: string; power: number; interest: number }) => {
    setError(null);
    try {
      const { id, accountId, name, role, power, interest, attitude, notes, lastContact } = s;
      await call('saveStakeholder', { projectKey, stakeholder: { ...(id ? { id } : {}), accountId: accountId ?? null, name, role: role ?? '', power, interest, attitude: attitude ?? 'neutral', notes: notes ?? '', lastContact: lastContact ?? null } });
      setVersion((n) => n + 1);
    } catch (e) { setError((e as ResolverError).message); }
  };
  const remove = async (id: string) => {
    try { await call('deleteStakeholder', { projectKey, id }); setVersion((n) => n + 1); } catch (e) { setError((e as ResolverError).message); }
  };

  if (map.state === 'error') return <SectionMessage appearance="error" title={t('facts.couldNotLoad')}><p>{map.error.message}</p></SectionMessage>;
  if (map.state !== 'done') return <Spinner label={t('stakeholders.loading')} />;
  const people = map.value.data.stakeholders;
  return (
    <Stack space="space.300" testId="stakeholders">
      {error && <SectionMessage appearance="error"><p>{error}</p></SectionMessage>}
      <Stack space="space.100">
        <Heading size="small" as="h3">{t('stakeholders.grid')}</Heading>
        <Text size="small" color="color.text.subtle">{t('stakeholders.gridHelp')}</Text>
        <Box xcss={grid} role="group" aria-label={t('stakeholders.gridLabel')}>
          {[5, 4, 3, 2, 1].flatMap((power) => [1, 2, 3, 4, 5].map((interest) => (
            <Cell key={`${power}-${interest}`} power={power} interest={interest} onDrop={(id) => { const s = people.find((p) => p.id === id); if (s) void save({ ...s, power, interest }); }}>
              {people.filter((p) => p.power === power && p.interest === interest).map((p) => <Chip key={p.id} person={p} />)}
            </Cell>
          )))}
        </Box>
        <Inline space="space.200"><Text size="small">{t('stakeholders.rows')}</Text><Text size="small">{t('stakeholders.columns')}</Text></Inline>
      </Stack>
      <NewStakeholder onSave={save} />
      <DynamicTable
        caption={t('app.tabs.stakeholders')}
        head={{ cells: [{ key: 'n', content: t('stakeholders.name') }, { key: 'q', content: t('stakeholders.quadrantCol') }, { key: 'p', content: t('stakeholders.power') }, { key: 'i', content: t('stakeholders.interest') }, { key: 'l', content: t('stakeholders.items') }, { key: 'c', content: t('stakeholders.lastContact') }, { key: 'x', content: '' }] }}
        rows={people.map((p) => ({
          key: p.id,
          cells: [
            { key: 'n', content: <Stack space="space.025"><Text weight="medium">{p.name}</Text><Text size="small" color="color.text.subtle">{[p.role, p.accountId ? t('stakeholders.jiraUser') : t('stakeholders.external')].filter(Boolean).join(' · ')}</Text></Stack> },
            { key: 'q', content: t(quadrantTitle(p.quadrant)) },
            { key: 'p', content: <Select aria-label={t('stakeholders.powerOf', { name: p.name })} spacing="compact" options={oneToFive} value={oneToFive[p.power - 1]} onChange={(o) => save({ ...p, power: (o as { value: number }).value })} /> },
            { key: 'i', content: <Select aria-label={t('stakeholders.interestOf', { name: p.name })} spacing="compact" options={oneToFive} value={oneToFive[p.interest - 1]} onChange={(o) => save({ ...p, interest: (o as { value: number }).value })} /> },
            { key: 'l', content: <LinkItems projectKey={projectKey} person={p} links={map.value.data.links.filter((l) => l.stakeholderId === p.id)} onChange={() => setVersion((n) => n + 1)} /> },
            { key: 'c', content: <Textfield aria-label={t('stakeholders.lastContactWith', { name: p.name })} type="date" defaultValue={p.lastContact ?? ''} onBlur={(e) => { const v = (e.target as HTMLInputElement).value; if (v !== (p.lastContact ?? '')) void save({ ...p, lastContact: v || null }); }} /> },
            { key: 'x', content: <Button appearance="subtle" onClick={() => remove(p.id)} aria-label={t('stakeholders.deleteName', { name: p.name })}>{t('common.delete')}</Button> },
          ],
        }))}
        emptyView={<Text>{t('stakeholders.none')}</Text>}
      />
      {insights.state === 'done' && (
        <Stack space="space.100" testId="stakeholder-insights">
          <Heading size="small" as="h3">{t('stakeholders.delivered', { n: insights.value.data.sprints.length })}</Heading>
          {insights.value.data.prompts.map((pr) => <Stack key={pr.id} space="space.025"><Inline space="space.100"><Lozenge appearance="new">{t(`pillar.${pr.pillar}`)}</Lozenge><Text weight="medium">{t(pr.text)}</Text></Inline><Text size="small" color="color.text.subtle">{pr.evidence.map((e) => t(e)).join('; ')}</Text></Stack>)}
          {insights.value.data.insights.map((i) => {
            const p = people.find((x) => x.id === i.stakeholderId);
            return p ? <Text key={i.stakeholderId}>{t('stakeholders.deliveredTo', { name: p.name, n: i.delivered })}{i.backDoor.length ? `, ${t('stakeholders.straightIn', { n: i.backDoor.length })}` : ''}</Text> : null;
          })}
        </Stack>
      )}
      {map.value.data.snapshots.length > 0 && (
        <Stack space="space.050">
          <Heading size="small" as="h3">{t('stakeholders.moved')}</Heading>
          {map.value.data.snapshots.map((s) => <Text key={s.sprintId} size="small">{s.sprintName}: {s.positions.map((p) => `${p.name} (${p.power}/${p.interest}, ${t(quadrantTitle(quadrant(p)))})`).join(' · ')}</Text>)}
        </Stack>
      )}
    </Stack>
  );
}

function Cell({ power, interest, onDrop, children }: { power: number; interest: number; onDrop: (id: string) => void; children: React.ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [isOver, setOver] = useState(false);
  useEffect(() => dropTargetForElements({
    element: ref.current!, getData: () => ({ power, interest }),
    onDragEnter: () => setOver(true), onDragLeave: () => setOver(false),
    onDrop: ({ source }) => { setOver(false); onDrop(String(source.data.stakeholderId)); },
  }), [power, interest, onDrop]);
  return (
    <div ref={ref} title={t('stakeholders.cell', { power, interest })} data-testid={`cell-${power}-${interest}`}>
      <Box xcss={[cell, QUADRANT_BG[quadrant({ power, interest })], isOver ? over : undefined]}>
        <Stack space="space.050">
          {(power === 5 || power === 1) && (interest === 1 || interest === 5) && <Text size="small" weight="bold" color="color.text.subtle">{t(quadrantTitle(quadrant({ power, interest })))}</Text>}
          {children}
        </Stack>
      </Box>
    </div>
  );
}

function Chip({ person }: { person: Person }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => draggable({ element: ref.current!, getInitialData: () => ({ stakeholderId: person.id }) }), [person.id]);
  return <div ref={ref} data-testid={`chip-${person.name}`}><Box xcss={chip}><Text size="small">{person.name}</Text></Box></div>;
}

function NewStakeholder({ onSave }: { onSave: (s: { name: string; power: number; interest: number; accountId?: string | null; role?: string }) => Promise<void> }) {
  const t = useT();
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [userPick, setUserPick] = useState<{ label: string; value: string } | null>(null);
  const [power, setPower] = useState(3);
  const [interest, setInterest] = useState(3);
  return (
    <Stack space="space.100" testId="new-stakeholder">
      <Heading size="small" as="h3">{t('stakeholders.add')}</Heading>
      <Inline space="space.100" alignBlock="end" shouldWrap>
        <Box xcss={xcss({ minWidth: '220px' })}><Text size="small">{t('stakeholders.jiraUserOptional')}</Text><UserPicker label={t('stakeholders.jiraAccount')} value={userPick} onChange={(o) => { setUserPick(o); if (o) setName(o.label); }} /></Box>
        <Textfield aria-label={t('stakeholders.nameLabel')} placeholder={t('stakeholders.namePlaceholder')} value={name} onChange={(e) => setName((e.target as HTMLInputElement).value)} width={220} />
        <Textfield aria-label={t('stakeholders.roleLabel')} placeholder={t('stakeholders.role')} value={role} onChange={(e) => setRole((e.target as HTMLInputElement).value)} width={160} />
        <Box xcss={xcss({ minWidth: '90px' })}><Text size="small">{t('stakeholders.power')}</Text><Select aria-label={t('stakeholders.newPower')} spacing="compact" options={oneToFive} value={oneToFive[power - 1]} onChange={(o) => setPower((o as { value: number }).value)} /></Box>
        <Box xcss={xcss({ minWidth: '90px' })}><Text size="small">{t('stakeholders.interest')}</Text><Select aria-label={t('stakeholders.newInterest')} spacing="compact" options={oneToFive} value={oneToFive[interest - 1]} onChange={(o) => setInterest((o as { value: number }).value)} /></Box>
        <Button appearance="primary" isDisabled={!name.trim()} onClick={() => onSave({ name, role, power, interest, accountId: userPick?.value ?? null }).then(() => { setName(''); setRole(''); setUserPick(null); })}>{t('common.add')}</Button>
      </Inline>
    </Stack>
  );
}

function LinkItems({ projectKey, person, links, onChange }: { projectKey: string; person: Person; links: StakeholderLink[]; onChange: () => void }) {
  const t = useT();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const link = async () => {
    setError(null);
    try { await call('linkStakeholder', { projectKey, stakeholderId: person.id, issueKey: key, relation: 'asked', statedValue: null }); setKey(''); onChange(); } catch (e) { setError((e as ResolverError).message); }
  };
  return (
    <Stack space="space.050">
      <Text size="small">{links.map((l) => l.issueKey).join(', ') || t('stakeholders.noItems')}</Text>
      <Inline space="space.050">
        <Textfield aria-label={t('stakeholders.linkTo', { name: person.name })} placeholder={`${projectKey}-…`} value={key} onChange={(e) => setKey((e.target as HTMLInputElement).value.toUpperCase())} width={110} isCompact />
        <Button spacing="compact" isDisabled={!/^[A-Z][A-Z0-9_]*-\d+$/.test(key)} onClick={link}>{t('stakeholders.link')}</Button>
      </Inline>
      {error && <Text size="small" color="color.text.danger">{error}</Text>}
    </Stack>
  );
}
