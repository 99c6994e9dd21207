import { useEffect, useMemo, useState } from 'react';
import Select from '@atlaskit/select';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import type { BoardSummary } from '../../../../src/jira/boards';
import type { SprintFacts, SprintModel } from '../../../../src/domain/sprintFacts';
import { useResolver, type Remote } from '../useResolver';
import { SprintFactsView } from './SprintFactsView';
import { useT } from '../i18n';

interface Props { projectKey?: string; boardId?: number; sprintId?: number }
interface Option { label: string; value: number }

const picker = xcss({ minWidth: '260px' });

/** Board and sprint pickers (defaulting to the Jira context) above the sprint's facts. */
export function SprintFactsPanel({ projectKey, boardId: boardFromContext, sprintId: sprintFromContext }: Props) {
  const t = useT();
  const boards = useResolver<BoardSummary[]>('getBoards', projectKey ? { projectKey } : {});
  const [boardId, setBoardId] = useState<number | undefined>(boardFromContext);
  useEffect(() => {
    if (boardId === undefined && boards.state === 'done' && boards.value.data.length) setBoardId(boards.value.data[0].id);
  }, [boards, boardId]);

  const sprints = useResolver<{ board: BoardSummary; sprints: SprintModel[] }>('getSprints', boardId ? { boardId } : null);
  const [sprintId, setSprintId] = useState<number | undefined>(sprintFromContext);
  useEffect(() => {
    if (sprintId !== undefined || sprints.state !== 'done') return;
    const list = sprints.value.data.sprints;
    setSprintId((list.find((s) => s.state === 'active') ?? list.find((s) => s.state === 'closed'))?.id);
  }, [sprints, sprintId]);

  const facts = useResolver<SprintFacts>('getSprintFacts', boardId && sprintId ? { boardId, sprintId } : null);

  const boardOptions: Option[] = boards.state === 'done' ? boards.value.data.map((b) => ({ label: b.name, value: b.id })) : [];
  const sprintOptions: Option[] = useMemo(() => (sprints.state === 'done'
    ? sprints.value.data.sprints.map((s) => ({ label: `${s.name}${s.state === 'active' ? ` ${t('facts.active')}` : ''}`, value: s.id }))
    : []), [sprints, t]);

  return (
    <Stack space="space.200">
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <Box xcss={picker}>
          <label htmlFor="board-picker">{t('facts.board')}</label>
          <Select inputId="board-picker" options={boardOptions} isLoading={boards.state === 'loading'}
            value={boardOptions.find((o) => o.value === boardId) ?? null}
            onChange={(o) => { setBoardId((o as Option | null)?.value); setSprintId(undefined); }} />
        </Box>
        <Box xcss={picker}>
          <label htmlFor="sprint-picker">{t('facts.sprint')}</label>
          <Select inputId="sprint-picker" options={sprintOptions} isLoading={sprints.state === 'loading'}
            value={sprintOptions.find((o) => o.value === sprintId) ?? null}
            onChange={(o) => setSprintId((o as Option | null)?.value)} />
        </Box>
      </Inline>
      <Problem remote={boards} />
      {boards.state === 'done' && boards.value.data.length === 0 && (
        <SectionMessage appearance="information" title={t('facts.noBoardsTitle')}>
          <p>{t('facts.noBoards', { where: projectKey ? ` (${projectKey})` : '' })}</p>
        </SectionMessage>
      )}
      <Problem remote={sprints} />
      <Problem remote={facts} />
      {facts.state === 'loading' && <Spinner label={t('facts.loading')} />}
      {facts.state === 'done' && (
        <>
          {facts.value.warnings.map((w) => (
            <SectionMessage key={w} appearance="warning" title={t('facts.partialTitle')}><p>{w}</p></SectionMessage>
          ))}
          <SprintFactsView facts={facts.value.data} />
        </>
      )}
    </Stack>
  );
}

function Problem({ remote }: { remote: Remote<unknown> }) {
  const t = useT();
  if (remote.state !== 'error') return null;
  return (
    <SectionMessage appearance="error" title={remote.error.code === 'NOT_FOUND' || remote.error.code === 'FORBIDDEN' ? t('facts.noAccess') : t('facts.couldNotLoad')}>
      <p>{remote.error.message}</p>
    </SectionMessage>
  );
}
