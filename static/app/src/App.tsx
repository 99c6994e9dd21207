import Heading from '@atlaskit/heading';
import { Box, Stack, xcss } from '@atlaskit/primitives';
import { IssueSprintsPanel } from './views/IssueSprintsPanel';
import { SprintFactsPanel } from './views/SprintFactsPanel';

export interface AppContext {
  accountId: string;
  moduleKey: string;
  locale?: string;
  extension: {
    type?: string;
    project?: { key?: string };
    board?: { id?: number | string };
    sprint?: { id?: number | string };
    issue?: { key?: string };
  };
}

const page = xcss({ padding: 'space.300', maxWidth: '1200px' });

const TITLES: Record<string, string> = {
  'scrum-coach-project-page': 'Scrum Coach',
  'scrum-coach-sprint-action': 'Sprint facts',
  'scrum-coach-backlog-action': 'Scrum Coach — backlog',
  'scrum-coach-global-page': 'Scrum Coach — teams',
  'scrum-coach-issue-panel': 'Sprint history',
};

const asId = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : Number(v));

/** One Custom UI for every module; the module key and extension context decide what is shown. */
export function App({ context }: { context: AppContext }) {
  const ext = context.extension ?? {};
  return (
    <Box xcss={page}>
      <Stack space="space.200">
        <Heading size="large" as="h1">{TITLES[context.moduleKey] ?? 'Scrum Coach'}</Heading>
        {context.moduleKey === 'scrum-coach-issue-panel' && ext.issue?.key
          ? <IssueSprintsPanel issueKey={ext.issue.key} />
          : <SprintFactsPanel projectKey={ext.project?.key} boardId={asId(ext.board?.id)} sprintId={asId(ext.sprint?.id)} />}
      </Stack>
    </Box>
  );
}
