/** Retrospective formats are data: a name and its columns. Teams can add their own (stored per board). */
import { msg, verbatim, type Message } from './message';

export type Pillar = 'transparency' | 'inspection' | 'adaptation';

export interface RetroColumn { id: string; title: string; hint: string }
export interface RetroFormat { id: string; name: string; columns: RetroColumn[]; custom?: boolean }

const col = (id: string, title: string, hint: string): RetroColumn => ({ id, title, hint });

export const BUILT_IN_FORMATS: RetroFormat[] = [
  { id: 'start-stop-continue', name: 'Start, Stop, Continue', columns: [
    col('start', 'Start', 'What could we begin doing?'),
    col('stop', 'Stop', 'What is not helping us?'),
    col('continue', 'Continue', 'What works and should stay?'),
  ] },
  { id: 'mad-sad-glad', name: 'Mad, Sad, Glad', columns: [
    col('mad', 'Mad', 'What frustrated you?'),
    col('sad', 'Sad', 'What disappointed you?'),
    col('glad', 'Glad', 'What made you happy?'),
  ] },
  { id: '4ls', name: '4Ls', columns: [
    col('liked', 'Liked', 'What did you enjoy?'),
    col('learned', 'Learned', 'What did you find out?'),
    col('lacked', 'Lacked', 'What was missing?'),
    col('longed', 'Longed for', 'What do you wish we had?'),
  ] },
  { id: 'sailboat', name: 'Sailboat', columns: [
    col('wind', 'Wind', 'What pushed us forward?'),
    col('anchor', 'Anchors', 'What held us back?'),
    col('rocks', 'Rocks', 'Which risks lie ahead?'),
    col('island', 'Island', 'Where do we want to get to?'),
  ] },
  { id: 'starfish', name: 'Starfish', columns: [
    col('keep', 'Keep doing', 'What gives value?'),
    col('more', 'More of', 'What deserves more room?'),
    col('less', 'Less of', 'What could shrink?'),
    col('stop', 'Stop doing', 'What costs more than it gives?'),
    col('start', 'Start doing', 'What is worth a try?'),
  ] },
  { id: 'pillars', name: 'Scrum pillars', columns: [
    col('transparency', 'Transparency', 'Where could we not see the real state of the work?'),
    col('inspection', 'Inspection', 'Which evidence did we look at — or skip?'),
    col('adaptation', 'Adaptation', 'What did we change, and did it help?'),
  ] },
];

export function findFormat(id: string, custom: RetroFormat[] = []): RetroFormat | undefined {
  return BUILT_IN_FORMATS.find((f) => f.id === id) ?? custom.find((f) => f.id === id);
}

/**
 * Built-in formats speak the reader's language (`format.<id>.*` keys; the English above is what a
 * stored retro keeps); a team's own format is shown as the team wrote it.
 */
export const formatName = (f: RetroFormat): Message => (f.custom ? verbatim(f.name) : msg(`format.${f.id}.name`));
export const columnTitle = (f: RetroFormat, c: RetroColumn): Message => (f.custom ? verbatim(c.title) : msg(`format.${f.id}.${c.id}.title`));
export const columnHint = (f: RetroFormat, c: RetroColumn): Message => (f.custom ? verbatim(c.hint) : msg(`format.${f.id}.${c.id}.hint`));
