/**
 * An independent route to the same facts: build the domain input straight from the site fixture
 * (no REST, no paging, no changelog API) and compute. If the Jira layer loses or mangles anything,
 * the resolver's answer differs from this one.
 */
import { FIELD, type Site } from '../../dev/jira/site';
import type { FieldChange, TrackedField } from '../../src/domain/history';
import { computeSprintFacts, type BoardModel, type IssueInput, type SprintModel } from '../../src/domain/sprintFacts';

const FIELD_OF: Record<string, TrackedField> = { [FIELD.sprint]: 'sprint', [FIELD.storyPoints]: 'estimate', status: 'status', [FIELD.flagged]: 'flagged' };

export function oracleFacts(site: Site, sprintId: number, now: number) {
  const s = site.sprints.find((x) => x.id === sprintId)!;
  const b = site.boards.find((x) => x.id === s.boardId)!;
  const board: BoardModel = {
    id: b.id, name: b.name, projectKey: b.projectKey,
    estimation: b.estimation.type === 'field' ? { kind: 'field', fieldId: b.estimation.fieldId, label: b.estimation.displayName } : { kind: 'issueCount' },
    columns: b.columns.map((c) => ({ name: c.name, statusIds: c.statusIds })),
  };
  const sprint: SprintModel = { id: s.id, name: s.name, state: s.state, goal: s.goal, startDate: s.startDate, endDate: s.endDate, completeDate: s.completeDate };
  const issues: IssueInput[] = site.issues.filter((i) => i.projectKey === b.projectKey).map((i) => ({
    id: i.id, key: i.key, summary: i.summary, type: i.issueType, isSubtask: i.issueType === 'Subtask', created: i.created,
    reporterId: i.reporterId, labels: i.labels,
    current: { sprint: i.sprintIds.length ? i.sprintIds.join(', ') : null, estimate: i.storyPoints === null ? null : String(i.storyPoints), status: i.statusId, flagged: i.flagged ? 'Impediment' : null },
    changes: i.changelog.flatMap((h) => h.items.filter((it) => FIELD_OF[it.fieldId]).map((it): FieldChange => {
      const field = FIELD_OF[it.fieldId];
      const pick = (raw: string | null, str: string | null) => (field === 'estimate' || field === 'flagged' ? str : raw);
      return { at: Date.parse(h.created), field, from: pick(it.from, it.fromString), to: pick(it.to, it.toString) };
    })),
  }));
  return computeSprintFacts(board, sprint, issues, now);
}
