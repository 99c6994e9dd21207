/**
 * The retrospective as stored records and as a participant may see it. Pure: the store keeps one
 * record per card, vote, theme, action and score; `retroView` decides what leaves the backend —
 * never the author of an anonymous card, never other people's votes before they are revealed.
 */
import { msg, plural, render, type Message, type Params, type Reader } from './message';
import { columnTitle, formatName, type RetroFormat } from './retroFormats';

export const PHASES = ['checkin', 'review', 'gather', 'insights', 'decide', 'close'] as const;
export type Phase = (typeof PHASES)[number];

export const CARD_TEXT_MAX = 2000;

export interface Retro {
  id: string;
  boardId: number;
  projectKey: string;
  sprintId: number;
  sprintName: string;
  format: RetroFormat;
  facilitatorId: string;
  phase: Phase;
  anonymous: boolean;
  voteBudget: number;
  votesRevealed: boolean;
  createdAt: number;
  createdBy: string;
}

export interface Card { id: string; columnId: string; text: string; authorId: string; themeId: string | null; createdAt: number }
export interface Vote { voterId: string; slot: number; cardId: string }
export interface Theme { id: string; title: string; createdAt: number }
export interface Action {
  id: string;
  text: string;
  ownerId: string | null;
  measure: string;
  dueSprintId: number | null;
  issueKey: string | null;
  done: boolean;
  createdAt: number;
  retroId: string;
}
export interface Score { accountId: string; score: number }
export interface CheckIn { accountId: string; word: string }

export interface RetroRecords { retro: Retro; cards: Card[]; votes: Vote[]; themes: Theme[]; actions: Action[]; safety: Score[]; roti: Score[]; checkins: CheckIn[] }

export interface CardView {
  id: string; columnId: string; text: string; themeId: string | null; createdAt: number;
  mine: boolean;
  /** Present only on cards of a retro that is not anonymous. */
  authorId?: string;
  /** Total votes, once revealed; null while hidden. */
  votes: number | null;
  myVotes: number;
}

export interface RetroView {
  retro: Retro;
  /** The caller's own account id (theirs to know; used to own actions). */
  me: string;
  isFacilitator: boolean;
  cards: CardView[];
  themes: (Theme & { votes: number | null })[];
  actions: Action[];
  myVotesLeft: number;
  votersSoFar: number;
  /** Check-in words, shuffled into alphabetical order so nobody can be told apart; and mine. */
  checkin: { words: string[]; mine: string | null };
  /** Safety check: how many people gave each score 1..5, and my own score; never who gave what. */
  safety: { distribution: number[]; mine: number | null; count: number };
  roti: { distribution: number[]; mine: number | null; count: number; average: number | null };
}

function distribution(scores: Score[], me: string) {
  const d = [0, 0, 0, 0, 0];
  for (const s of scores) d[s.score - 1]++;
  return { distribution: d, mine: scores.find((s) => s.accountId === me)?.score ?? null, count: scores.length };
}

export function retroView(r: RetroRecords, me: string): RetroView {
  const revealed = r.retro.votesRevealed;
  const votesOn = (cardId: string) => r.votes.filter((v) => v.cardId === cardId).length;
  const cards: CardView[] = [...r.cards].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).map((c) => ({
    id: c.id, columnId: c.columnId, text: c.text, themeId: c.themeId, createdAt: c.createdAt,
    mine: c.authorId === me,
    ...(r.retro.anonymous ? {} : { authorId: c.authorId }),
    votes: revealed ? votesOn(c.id) : null,
    myVotes: r.votes.filter((v) => v.cardId === c.id && v.voterId === me).length,
  }));
  const themeVotes = (id: string) => r.cards.filter((c) => c.themeId === id).reduce((n, c) => n + votesOn(c.id), 0);
  const roti = distribution(r.roti, me);
  return {
    retro: r.retro,
    me,
    isFacilitator: r.retro.facilitatorId === me,
    cards,
    themes: [...r.themes].sort((a, b) => a.createdAt - b.createdAt).map((t) => ({ ...t, votes: revealed ? themeVotes(t.id) : null })),
    actions: [...r.actions].sort((a, b) => a.createdAt - b.createdAt),
    myVotesLeft: Math.max(0, r.retro.voteBudget - r.votes.filter((v) => v.voterId === me).length),
    votersSoFar: new Set(r.votes.map((v) => v.voterId)).size,
    checkin: { words: r.checkins.map((c) => c.word).sort((a, b) => a.localeCompare(b)), mine: r.checkins.find((c) => c.accountId === me)?.word ?? null },
    safety: distribution(r.safety, me),
    roti: { ...roti, average: r.roti.length ? r.roti.reduce((n, s) => n + s.score, 0) / r.roti.length : null },
  };
}

/** SMART hints for an action: gentle, never blocking. */
export function smartHints(a: Pick<Action, 'text' | 'ownerId' | 'measure' | 'dueSprintId'>): Message[] {
  const hints: Message[] = [];
  if (a.text.trim().split(/\s+/).length < 4) hints.push(msg('smart.specific'));
  if (!a.measure.trim()) hints.push(msg('smart.measurable'));
  if (!a.ownerId) hints.push(msg('smart.owner'));
  if (a.dueSprintId === null) hints.push(msg('smart.timeBound'));
  return hints;
}

/** The sprint facts a summary opens with. */
export interface SummaryFacts { unit: 'points' | 'hours' | 'issues'; committed: number; completed: number; scopeChange: number | null; sayDo: number | null }

/** Markdown summary of a retro in the reader's language: facts in brief, themes by votes, cards, actions. */
export function retroMarkdown(r: RetroRecords, facts: SummaryFacts | null, nameOf: (accountId: string) => string, reader: Reader): string {
  const read = (m: Message) => render(m, reader.translate, reader.formatNumber);
  const t = (key: string, params?: Params) => read(msg(`summary.${key}`, params));
  const votes = (n: number) => read(plural(n, 'retro.votes'));
  const share = (x: number | null) => (x === null ? '—' : msg('number.percent', { n: Math.round(x * 100) }));
  const view = retroView({ ...r, retro: { ...r.retro, votesRevealed: true } }, '');
  const format = r.retro.format;
  const lines = [`# ${read(msg('retro.title', { sprint: r.retro.sprintName }))}`, '', t('format', { format: formatName(format) })];
  if (facts) {
    const unit = msg(`unitShort.${facts.unit}`);
    lines.push('', `## ${t('facts')}`, '', `- ${t('committed', { value: facts.committed, unit })}`, `- ${t('completed', { value: facts.completed, unit })}`,
      `- ${t('scopeChange', { value: share(facts.scopeChange) })}`, `- ${t('sayDo', { value: share(facts.sayDo) })}`);
  }
  if (view.themes.length) {
    lines.push('', `## ${t('themes')}`, '');
    for (const th of [...view.themes].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0))) {
      lines.push(`- **${th.title}** (${votes(th.votes ?? 0)})`);
      for (const c of view.cards.filter((x) => x.themeId === th.id)) lines.push(`  - ${c.text}`);
    }
  }
  for (const column of format.columns) {
    const cards = view.cards.filter((c) => c.columnId === column.id && !c.themeId);
    if (!cards.length) continue;
    lines.push('', `## ${read(columnTitle(format, column))}`, '');
    for (const c of cards) lines.push(`- ${c.text}${c.votes ? ` (${votes(c.votes)})` : ''}`);
  }
  if (r.actions.length) {
    lines.push('', `## ${read(msg('retro.actions'))}`, '');
    for (const a of view.actions) {
      lines.push(`- [${a.done ? 'x' : ' '}] ${a.text}${a.ownerId ? ` — ${nameOf(a.ownerId)}` : ''}${a.measure ? ` — ${read(msg('retro.measure', { measure: a.measure }))}` : ''}${a.issueKey ? ` (${a.issueKey})` : ''}`);
    }
  }
  if (view.roti.count) lines.push('', read(plural(view.roti.count, 'summary.roti', { average: Math.round(view.roti.average! * 10) / 10 })));
  return lines.join('\n') + '\n';
}
