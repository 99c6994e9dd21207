import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Checkbox from '@atlaskit/checkbox';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import Heading from '@atlaskit/heading';
import Select from '@atlaskit/select';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { BoardSummary } from '../../../../src/jira/boards';
import type { SprintModel } from '../../../../src/domain/sprintFacts';
import { formatName, type RetroFormat } from '../../../../src/domain/retroFormats';
import type { RetroSummary } from '../../../../src/store/retroStore';
import { call, ResolverError } from '../api';
import { day } from '../format';
import { useResolver } from '../useResolver';
import { RetroBoard } from './RetroBoard';
import { useT } from '../i18n';

interface Props { boardId?: number; sprintId?: number; projectKey?: string }
interface Option { label: string; value: string }

const picker = xcss({ minWidth: '240px' });
const budgetOptions: Option[] = Array.from({ length: 10 }, (_, i) => ({ label: String(i + 1), value: String(i + 1) }));

/** Pick a board's retro or start one for a sprint; then run it. */
export function RetroPanel({ boardId: boardFromContext, sprintId: sprintFromContext, projectKey }: Props) {
  const t = useT();
  const boards = useResolver<BoardSummary[]>('getBoards', boardFromContext ? null : projectKey ? { projectKey } : {});
  const boardId = boardFromContext ?? (boards.state === 'done' ? boards.value.data[0]?.id : undefined);
  const [refresh, setRefresh] = useState(0);
  const retros = useResolver<RetroSummary[]>('listRetros', boardId ? { boardId } : null, refresh);
  const sprints = useResolver<{ sprints: SprintModel[] }>('getSprints', boardId ? { boardId } : null);
  const [formatsVersion, setFormatsVersion] = useState(0);
  const formats = useResolver<RetroFormat[]>('getRetroFormats', boardId ? { boardId } : null, formatsVersion);
  const [anonymous, setAnonymous] = useState(true);
  const [voteBudget, setVoteBudget] = useState(3);
  const [open, setOpen] = useState<string | null>(null);
  const [sprintId, setSprintId] = useState<number | undefined>(sprintFromContext);
  const [formatId, setFormatId] = useState('pillars');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (open) return <RetroBoard retroId={open} onLeave={() => { setOpen(null); setRefresh((n) => n + 1); }} />;
  if (boards.state === 'done' && !boardId) return <Text>{t('retro.noBoards')}</Text>;
  if (!boardId || retros.state === 'loading' || retros.state === 'idle') return <Spinner label={t('retro.loading')} />;
  if (retros.state === 'error') return <SectionMessage appearance="error" title={t('facts.couldNotLoad')}><p>{retros.error.message}</p></SectionMessage>;

  const sprintOptions: Option[] = sprints.state === 'done' ? sprints.value.data.sprints.map((s) => ({ label: s.name, value: String(s.id) })) : [];
  const chosenSprint = sprintId ?? (sprints.state === 'done' ? (sprints.value.data.sprints.find((s) => s.state === 'closed') ?? sprints.value.data.sprints[0])?.id : undefined);
  const formatOptions: Option[] = formats.state === 'done' ? formats.value.data.map((f) => ({ label: t(formatName(f)), value: f.id })) : [];
  const list = retros.value.data.filter((r) => !sprintFromContext || r.sprintId === sprintFromContext);

  const start = async () => {
    if (!chosenSprint) return;
    setBusy(true); setError(null);
    try {
      const { data } = await call<{ id: string }>('createRetro', { boardId, sprintId: chosenSprint, formatId, anonymous, voteBudget });
      setOpen(data.id);
    } catch (e) { setError((e as ResolverError).message); } finally { setBusy(false); }
  };

  return (
    <Stack space="space.300" testId="retro-list">
      <Stack space="space.100">
        <Heading size="medium" as="h2">{t('retro.start')}</Heading>
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <Box xcss={picker}>
            <label htmlFor="retro-sprint">{t('retro.sprint')}</label>
            <Select inputId="retro-sprint" options={sprintOptions} value={sprintOptions.find((o) => Number(o.value) === chosenSprint) ?? null}
              onChange={(o) => setSprintId(Number((o as Option).value))} />
          </Box>
          <Box xcss={picker}>
            <label htmlFor="retro-format">{t('retro.format')}</label>
            <Select inputId="retro-format" options={formatOptions} value={formatOptions.find((o) => o.value === formatId) ?? null}
              onChange={(o) => setFormatId((o as Option).value)} />
          </Box>
          <Box xcss={xcss({ minWidth: '120px' })}>
            <label htmlFor="retro-votes">{t('retro.votesEach')}</label>
            <Select inputId="retro-votes" options={budgetOptions} value={budgetOptions.find((o) => Number(o.value) === voteBudget)}
              onChange={(o) => setVoteBudget(Number((o as Option).value))} />
          </Box>
          <Checkbox label={t('retro.anonymous')} isChecked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          <Button appearance="primary" onClick={start} isDisabled={!chosenSprint || busy} testId="start-retro">{t('retro.startButton')}</Button>
        </Inline>
        <Text size="small" color="color.text.subtle">{anonymous ? t('retro.anonymousNote') : t('retro.namedNote')} {t('retro.handOverNote')}</Text>
        {error && <SectionMessage appearance="error"><p>{error}</p></SectionMessage>}
      </Stack>
      <NewFormat boardId={boardId} onAdded={(id) => { setFormatsVersion((n) => n + 1); setFormatId(id); }} />
      <Stack space="space.100">
        <Heading size="medium" as="h2">{t('retro.list')}</Heading>
        {list.length === 0 && <Text>{t('retro.none')}</Text>}
        {list.map((r) => (
          <Inline key={r.id} space="space.150" alignBlock="center">
            <Button appearance="subtle" onClick={() => setOpen(r.id)}>{r.sprintName}</Button>
            <Text color="color.text.subtle">{t(formatName({ id: r.formatId ?? '', name: r.formatName, custom: !r.formatId || r.customFormat, columns: [] }))} · {day(r.createdAt)}</Text>
          </Inline>
        ))}
      </Stack>
    </Stack>
  );
}

/** A team's own format: a name and one column per line. */
function NewFormat({ boardId, onAdded }: { boardId: number; onAdded: (formatId: string) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [columns, setColumns] = useState('');
  const [error, setError] = useState<string | null>(null);
  const titles = columns.split('\n').map((c) => c.trim()).filter(Boolean);
  const save = async () => {
    setError(null);
    try {
      const { data } = await call<RetroFormat>('addRetroFormat', { boardId, name, columns: titles.map((title) => ({ title, hint: '' })) });
      setName(''); setColumns('');
      onAdded(data.id);
    } catch (e) { setError((e as ResolverError).message); }
  };
  return (
    <Stack space="space.100" testId="new-format">
      <Heading size="small" as="h3">{t('retro.ownFormat')}</Heading>
      <Inline space="space.150" alignBlock="start" shouldWrap>
        <Textfield aria-label={t('retro.formatName')} placeholder={t('retro.formatNamePlaceholder')} value={name} onChange={(e) => setName((e.target as HTMLInputElement).value)} width={260} />
        <Box xcss={picker}><TextArea aria-label={t('retro.formatColumns')} placeholder={t('retro.formatColumnsPlaceholder')} value={columns} minimumRows={3} onChange={(e) => setColumns(e.target.value)} /></Box>
        <Button isDisabled={!name.trim() || titles.length === 0 || titles.length > 8} onClick={save}>{t('retro.addFormat')}</Button>
      </Inline>
      {error && <SectionMessage appearance="error"><p>{error}</p></SectionMessage>}
    </Stack>
  );
}
