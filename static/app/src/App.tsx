import Heading from '@atlaskit/heading';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { view } from '@forge/bridge';
import { lazy, Suspense } from 'react';
import Spinner from '@atlaskit/spinner';
import { IssueRefinementPanel } from './views/IssueRefinementPanel';
import { IssueSprintsPanel } from './views/IssueSprintsPanel';
import { SprintFactsPanel } from './views/SprintFactsPanel';
import { useT } from './i18n';

// Each larger panel is its own chunk: a module loads only what it shows.
const RetroPanel = lazy(() => import('./views/RetroPanel').then((m) => ({ default: m.RetroPanel })));
const RefinementPanel = lazy(() => import('./views/RefinementPanel').then((m) => ({ default: m.RefinementPanel })));
const StakeholderMap = lazy(() => import('./views/StakeholderMap').then((m) => ({ default: m.StakeholderMap })));
const CoachView = lazy(() => import('./views/CoachView').then((m) => ({ default: m.CoachView })));

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

const page = xcss({ padding: 'space.300', maxWidth: '1400px' });
const tabBody = xcss({ paddingBlockStart: 'space.200', width: '100%' });

const asId = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : Number(v));

/** Modules Jira opens as a modal dialog: the app closes them itself with view.close(). */
const MODAL_MODULES = new Set(['scrum-coach-sprint-action', 'scrum-coach-backlog-action']);

/** One Custom UI for every module; the module key and extension context decide what is shown. */
export function App({ context }: { context: AppContext }) {
  const t = useT();
  const ext = context.extension ?? {};
  const projectKey = ext.project?.key;
  const boardId = asId(ext.board?.id);
  const sprintId = asId(ext.sprint?.id);
  let title = t('app.title');
  let body;
  switch (context.moduleKey) {
    case 'scrum-coach-issue-panel':
      title = t('app.title');
      body = ext.issue?.key ? <Stack space="space.300"><IssueRefinementPanel issueKey={ext.issue.key} /><Heading size="small" as="h3">{t('app.sprintHistory')}</Heading><IssueSprintsPanel issueKey={ext.issue.key} /></Stack> : null;
      break;
    case 'scrum-coach-sprint-action':
      title = t('app.retroTitle');
      body = <RetroPanel boardId={boardId} sprintId={sprintId} projectKey={projectKey} />;
      break;
    case 'scrum-coach-project-page':
      body = (
        <Tabs id="project-tabs">
          <TabList>
            <Tab>{t('app.tabs.facts')}</Tab>
            <Tab>{t('app.tabs.retros')}</Tab>
            <Tab>{t('app.tabs.refinement')}</Tab>
            <Tab>{t('app.tabs.stakeholders')}</Tab>
          </TabList>
          <TabPanel><Box xcss={tabBody}><SprintFactsPanel projectKey={projectKey} /></Box></TabPanel>
          <TabPanel><Box xcss={tabBody}><RetroPanel projectKey={projectKey} /></Box></TabPanel>
          <TabPanel><Box xcss={tabBody}><RefinementPanel projectKey={projectKey} /></Box></TabPanel>
          <TabPanel><Box xcss={tabBody}>{projectKey ? <StakeholderMap projectKey={projectKey} /> : null}</Box></TabPanel>
        </Tabs>
      );
      break;
    case 'scrum-coach-backlog-action':
      title = t('app.refinementTitle');
      body = <RefinementPanel boardId={boardId} projectKey={projectKey} />;
      break;
    case 'scrum-coach-global-page':
      title = t('app.teamsTitle');
      body = (
        <Tabs id="coach-tabs">
          <TabList><Tab>{t('app.tabs.patterns')}</Tab><Tab>{t('app.tabs.facts')}</Tab></TabList>
          <TabPanel><Box xcss={tabBody}><CoachView /></Box></TabPanel>
          <TabPanel><Box xcss={tabBody}><SprintFactsPanel /></Box></TabPanel>
        </Tabs>
      );
      break;
    default:
      body = <SprintFactsPanel projectKey={projectKey} boardId={boardId} sprintId={sprintId} />;
  }
  return (
    <Box xcss={page}>
      <Stack space="space.200">
        <Inline spread="space-between" alignBlock="center">
          <Heading size="large" as="h1">{title}</Heading>
          {MODAL_MODULES.has(context.moduleKey) && (
            <Button testId="close-modal" onClick={() => void view.close()}>{t('app.close')}</Button>
          )}
        </Inline>
        <Suspense fallback={<Spinner label={t('app.loading')} />}>{body}</Suspense>
      </Stack>
    </Box>
  );
}
