import { join } from 'node:path';
import { displayConditionsByModule, failedConditions } from '../../dev/host/displayConditions';
import { ROOT } from '../support/harness';

const software = { extension: { project: { type: 'software' } }, hasSoftwareAccess: true };
const business = { extension: { project: { type: 'business' } }, hasSoftwareAccess: true };

test('the manifest shows the project page and issue panel only in software projects, the coach view only with Jira Software', () => {
  const byModule = displayConditionsByModule(join(ROOT, 'manifest.yml'));
  for (const key of ['scrum-coach-project-page', 'scrum-coach-issue-panel']) {
    expect(failedConditions(byModule.get(key), software)).toEqual([]);
    expect(failedConditions(byModule.get(key), business)).toEqual(['projectType is business, not software']);
  }
  expect(failedConditions(byModule.get('scrum-coach-global-page'), { extension: {}, hasSoftwareAccess: false }))
    .toEqual(['hasSoftwareAccess is false']);
  // Sprint and backlog actions accept no display conditions (they appear on boards only anyway).
  expect(byModule.has('scrum-coach-sprint-action')).toBe(false);
});

test('a list of project types allows any of them; a condition the host cannot evaluate is an error, not a pass', () => {
  expect(failedConditions({ projectType: ['software', 'business'] }, business)).toEqual([]);
  expect(failedConditions({ projectType: 'software' }, { extension: {}, hasSoftwareAccess: true })).toEqual(['projectType is unknown, not software']);
  expect(() => failedConditions({ jiraExpression: 'true' }, software)).toThrow(/cannot evaluate the display condition "jiraExpression"/);
});
