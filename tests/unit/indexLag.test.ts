/** The emulator's model of Jira's lagging search index, on a clock the test moves. */
import { IndexLag } from '../../dev/jira/indexLag';
import { demoSite } from '../support/harness';

const site = demoSite();
const [first, second] = site.issues;
let clock = 0;
const lag = () => new IndexLag(1000, () => clock);

beforeEach(() => { clock = 0; });

test('a burst of writes shows as the state before the first, until the delay after the last has passed', () => {
  const index = lag();
  const issue = structuredClone(first);
  index.willWrite(issue.id, issue);
  issue.summary = 'one';
  clock = 800;
  index.willWrite(issue.id, issue);
  issue.summary = 'two';
  clock = 1500;
  expect(index.view([issue])[0].summary).toBe(first.summary);
  clock = 1800;
  expect(index.view([issue])[0].summary).toBe('two');
});

test('a created issue is missing until indexed; a reconciled one is current at once', () => {
  const index = lag();
  const created = structuredClone(second);
  index.willWrite(created.id, null);
  expect(index.view([created])).toEqual([]);
  expect(index.view([created], new Set([created.id]))).toEqual([created]);
  clock = 1000;
  expect(index.view([created])).toEqual([created]);
});

test('what a shorter delay indexed stays indexed when the delay grows again', () => {
  const index = lag();
  const issue = structuredClone(first);
  index.willWrite(issue.id, issue);
  issue.summary = 'changed';
  index.setDelay(0);
  index.setDelay(1000);
  expect(index.view([issue])[0].summary).toBe('changed');
});
