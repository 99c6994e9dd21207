/**
 * Patterns across sprints and teams, for agile coaches. Pure.
 *  - XmR (process behaviour) limits flag sprints outside a team's natural variation;
 *  - runs: 3+ sprints in a row moving the same way;
 *  - recurring retro themes: words (English and Dutch, stop words removed) in 3+ retros of a team;
 *    "stuck" when no completed action addressed them; shared by 2+ teams = maybe the system, not the team.
 * Each pattern carries its evidence, pillar, a suggested coaching stance and a question, as a hypothesis.
 */
import type { Pillar } from './retroFormats';
import { msg, type Message, type Param } from './message';
import { mean } from './stats';
import type { SprintFacts } from './sprintFacts';

export type Stance = 'teaching' | 'mentoring' | 'coaching' | 'facilitating' | 'business mastery' | 'transformation mastery';

export const METRICS = ['sayDo', 'scopeChange', 'carryOver', 'throughput', 'cycleTimeP50', 'cycleTimeP85', 'velocity', 'bugShare', 'unplannedShare'] as const;
export type Metric = (typeof METRICS)[number];

/** Metrics that are fractions of 1, shown as percentages. */
export const isShare = (m: Metric) => ['sayDo', 'scopeChange', 'carryOver', 'bugShare', 'unplannedShare'].includes(m);

/** A metric's name, as a heading ("Say/do") or inside a sentence ("say/do"). */
export const metricLabel = (m: Metric, inSentence = false): Message => msg(`metric.${inSentence ? 'inSentence' : 'label'}.${m}`);

export interface SprintPoint {
  sprintId: number; sprintName: string; end: number;
  /** False for the sprint in progress: shown, but not compared with finished ones. */
  final: boolean;
  values: Record<Metric, number | null>;
}

/** One team's series, one point per sprint, oldest first. */
export function seriesOf(facts: SprintFacts[]): SprintPoint[] {
  return [...facts].sort((a, b) => a.window.start - b.window.start).map((f) => ({
    sprintId: f.sprint.id, sprintName: f.sprint.name, end: f.window.end, final: f.window.isFinal,
    values: {
      sayDo: f.metrics.sayDo, scopeChange: f.metrics.scopeChange,
      carryOver: f.totals.committed.estimate + f.totals.added.estimate > 0 ? f.totals.notCompleted.estimate / (f.totals.committed.estimate + f.totals.added.estimate) : null,
      throughput: f.metrics.throughput, cycleTimeP50: f.metrics.cycleTimeP50, cycleTimeP85: f.metrics.cycleTimeP85,
      velocity: f.metrics.velocity, bugShare: f.metrics.bugShare, unplannedShare: f.metrics.unplannedShare,
    },
  }));
}

export interface XmR { mean: number; upper: number; lower: number; movingRangeMean: number; outside: number[] }

/** Individuals/moving-range limits: mean ± 2.66 × average moving range. Indexes of points outside. */
export function xmr(values: (number | null)[]): XmR | null {
  const xs = values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
  if (xs.length < 4) return null;
  const avg = mean(xs.map((p) => p.v))!;
  const ranges = xs.slice(1).map((p, k) => Math.abs(p.v - xs[k].v));
  const mr = mean(ranges)!;
  // No variation at all: no natural limits to fall outside of (and rounding must not invent signals).
  if (mr < 1e-9) return null;
  const upper = avg + 2.66 * mr, lower = avg - 2.66 * mr;
  const eps = 1e-9 * Math.max(1, Math.abs(avg));
  return { mean: avg, upper, lower, movingRangeMean: mr, outside: xs.filter((p) => p.v > upper + eps || p.v < lower - eps).map((p) => p.i) };
}

/** Runs of 3+ consecutive changes in the same direction: [first index, last index, direction]. */
export function runs(values: (number | null)[], minLength = 3): { from: number; to: number; direction: 'up' | 'down' }[] {
  const out: { from: number; to: number; direction: 'up' | 'down' }[] = [];
  let start = 0, dir: 'up' | 'down' | null = null;
  for (let i = 1; i <= values.length; i++) {
    const a = values[i - 1], b = values[i];
    const d = i < values.length && a !== null && b !== null && b !== a ? (b > a ? 'up' : 'down') : null;
    if (d && d === dir) continue;
    if (dir && i - 1 - start >= minLength) out.push({ from: start, to: i - 1, direction: dir });
    dir = d;
    start = i - 1;
  }
  return out;
}

export function coefficientOfVariation(values: (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length < 2) return null;
  const avg = mean(xs)!;
  if (avg === 0) return null;
  const sd = Math.sqrt(xs.reduce((n, x) => n + (x - avg) ** 2, 0) / (xs.length - 1));
  return sd / avg;
}

const STOP_WORDS = new Set((
  'a an and are as at be but by for from had has have i if in into is it its of on or our so that the their them then there these they this to too was we were what when which who will with you your not no yes more less very just also can could would should did do does done get got make made much many some any all been than out up down over about after before again only own same such us me my' +
  ' de het een en van in is op te dat die voor met zijn niet aan er maar om als ook bij nog wat dan door naar zo wel uit tot geen kan over hun je we wij ze zij hij ik het was waren heeft hebben had deze dit meer minder onze ons mijn jullie hoe waar wie welke toen omdat zonder tijdens'
).split(' '));

/** Content words of a card, lower-cased, accents and plurals folded, stop words removed. */
export function keywords(text: string): string[] {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/).filter((w) => w.length >= 4 && !STOP_WORDS.has(w))
    .map((w) => w.replace(/(ies)$/, 'y').replace(/(?<=[a-z]{3})(en|s)$/, ''));
}

export interface RetroText { retroId: string; sprintId: number; sprintName: string; texts: string[]; doneActions: string[] }

export interface Theme { word: string; related: string[]; retros: { retroId: string; sprintName: string; examples: string[] }[]; stuck: boolean }

/** Words that recur in 3+ of a team's retros; stuck when no completed action mentions them. */
export function recurringThemes(retros: RetroText[], minRetros = 3): Theme[] {
  const byWord = new Map<string, Map<string, { sprintName: string; examples: string[] }>>();
  for (const r of retros) {
    for (const t of r.texts) {
      for (const w of new Set(keywords(t))) {
        const m = byWord.get(w) ?? new Map();
        const entry = m.get(r.retroId) ?? { sprintName: r.sprintName, examples: [] };
        if (entry.examples.length < 2) entry.examples.push(t);
        m.set(r.retroId, entry);
        byWord.set(w, m);
      }
    }
  }
  const addressed = new Set(retros.flatMap((r) => r.doneActions.flatMap(keywords)));
  // Words that recur in exactly the same retros and cards are one theme ("deployments took hours"):
  // label it with its longest word and keep the others as related.
  const groups = new Map<string, string[]>();
  for (const [word, m] of byWord) {
    if (m.size < minRetros) continue;
    const signature = JSON.stringify([...m].sort(([a], [b]) => a.localeCompare(b)));
    groups.set(signature, [...(groups.get(signature) ?? []), word]);
  }
  return [...groups.values()].map((words) => {
    const [word, ...related] = [...words].sort((a, b) => b.length - a.length || a.localeCompare(b));
    const m = byWord.get(word)!;
    return { word, related, retros: [...m].map(([retroId, v]) => ({ retroId, ...v })), stuck: !words.some((w) => addressed.has(w)) };
  }).sort((a, b) => b.retros.length - a.retros.length || a.word.localeCompare(b.word));
}

export interface Pattern {
  id: string;
  kind: 'outside-limits' | 'run' | 'recurring-theme' | 'cross-team-theme';
  teams: string[];
  pillar: Pillar;
  stance: Stance;
  title: Message;
  question: Message;
  evidence: Message[];
}

/** A metric's value as a parameter: shares as a percentage, others rounded to one decimal (written out by the reader's locale). */
const metricValue = (m: Metric, v: number): Param => (isShare(m) ? msg('number.percent', { n: Math.round(v * 100) }) : Math.round(v * 10) / 10);

/** What makes a rise good or bad, for the wording; null = neither. */
const UP_IS_GOOD: Record<Metric, boolean | null> = {
  sayDo: true, scopeChange: false, carryOver: false, throughput: true, cycleTimeP50: false, cycleTimeP85: false, velocity: null, bugShare: false, unplannedShare: false,
};

export interface TeamInput { team: string; series: SprintPoint[]; themes: Theme[] }

export function detectPatterns(teams: TeamInput[]): Pattern[] {
  const out: Pattern[] = [];
  for (const { team, series: all, themes } of teams) {
    const series = all.filter((p) => p.final);
    for (const m of METRICS) {
      const values = series.map((p) => p.values[m]);
      const limits = xmr(values);
      for (const i of limits?.outside ?? []) {
        const p = series[i], v = values[i]!;
        out.push({
          id: `${team}:xmr:${m}:${p.sprintId}`, kind: 'outside-limits', teams: [team], pillar: 'inspection', stance: 'coaching',
          title: msg('patterns.outside.title', { metric: metricLabel(m), sprint: p.sprintName, team }),
          question: msg('patterns.outside.question', { metric: metricLabel(m), value: metricValue(m, v), sprint: p.sprintName, lower: metricValue(m, Math.max(0, limits!.lower)), upper: metricValue(m, limits!.upper) }),
          evidence: [msg('patterns.outside.evidence', { mean: metricValue(m, limits!.mean), lower: metricValue(m, Math.max(0, limits!.lower)), upper: metricValue(m, limits!.upper), n: values.filter((x) => x !== null).length })],
        });
      }
      // Only runs still going (ending in the last three sprints) are worth raising now.
      for (const r of runs(values).filter((x) => x.to >= values.length - 3)) {
        const good = UP_IS_GOOD[m] === null ? null : (r.direction === 'up') === UP_IS_GOOD[m];
        out.push({
          id: `${team}:run:${m}:${series[r.from].sprintId}`, kind: 'run', teams: [team], pillar: good === false ? 'adaptation' : 'inspection',
          stance: good === false ? 'coaching' : 'facilitating',
          title: msg(`patterns.run.title.${r.direction}`, { metric: metricLabel(m), n: r.to - r.from, team }),
          question: msg(`patterns.run.question.${r.direction}`, { metric: metricLabel(m, true), from: series[r.from].sprintName, to: series[r.to].sprintName }),
          evidence: series.slice(r.from, r.to + 1).map((p) => msg('patterns.sprintValue', { sprint: p.sprintName, value: p.values[m] === null ? '—' : metricValue(m, p.values[m]!) })),
        });
      }
    }
    for (const t of themes.filter((x) => x.stuck)) {
      out.push({
        id: `${team}:theme:${t.word}`, kind: 'recurring-theme', teams: [team], pillar: 'adaptation', stance: t.retros.length >= 4 ? 'transformation mastery' : 'coaching',
        title: msg('patterns.theme.title', { word: t.word, team }),
        question: msg('patterns.theme.question', { word: t.word, n: t.retros.length }),
        evidence: t.retros.map((r) => msg('patterns.theme.evidence', { sprint: r.sprintName, examples: r.examples.join(' / ') })),
      });
    }
  }
  // Themes recurring in two or more teams point to the system rather than the team.
  const shared = new Map<string, { team: string; theme: Theme }[]>();
  for (const { team, themes } of teams) for (const t of themes) shared.set(t.word, [...(shared.get(t.word) ?? []), { team, theme: t }]);
  for (const [word, list] of shared) {
    if (list.length < 2) continue;
    out.push({
      id: `org:theme:${word}`, kind: 'cross-team-theme', teams: list.map((l) => l.team), pillar: 'transparency', stance: 'transformation mastery',
      title: msg('patterns.crossTeam.title', { word, n: list.length }),
      question: msg('patterns.crossTeam.question', { word }),
      evidence: list.map((l) => msg('patterns.crossTeam.evidence', { team: l.team, n: l.theme.retros.length, example: l.theme.retros[0].examples[0] })),
    });
  }
  const weight: Record<Pattern['kind'], number> = { 'cross-team-theme': 0, 'recurring-theme': 1, 'outside-limits': 2, run: 3 };
  return out.sort((a, b) => weight[a.kind] - weight[b.kind]);
}

/** The series as CSV: one row per team and sprint. */
export function seriesCsv(teams: { team: string; series: SprintPoint[] }[]): string {
  const header = ['team', 'sprint', 'end', ...METRICS];
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = teams.flatMap(({ team, series }) => series.map((p) => [team, p.sprintName, new Date(p.end).toISOString().slice(0, 10), ...METRICS.map((m) => (p.values[m] === null ? '' : String(Math.round(p.values[m]! * 1000) / 1000)))]));
  return [header, ...rows].map((r) => r.map(esc).join(',')).join('\n') + '\n';
}
