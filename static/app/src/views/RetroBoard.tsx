import { useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { draggable, dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { PHASES, type Action, type CardView, type Phase, type RetroView } from '../../../../src/domain/retro';
import { plural, type Message } from '../../../../src/domain/message';
import { columnHint, columnTitle } from '../../../../src/domain/retroFormats';
import type { Prompt } from '../../../../src/domain/prompts';
import type { SprintFacts } from '../../../../src/domain/sprintFacts';
import { call, ResolverError } from '../api';
import { pct, num, unitLabel } from '../format';
import { useResolver } from '../useResolver';
import { BurndownChart } from './BurndownChart';
import { IssueLink } from './IssueLink';
import { UserPicker } from './UserPicker';
import { useLocale, useT, type T } from '../i18n';

interface Coaching {
  facts: SprintFacts | null;
  prompts: Prompt[];
  tips: Record<Phase, Message[]>;
  previousActions: (Action & { sprintsOpen: number })[];
}

/** Others see the facilitator's moves and new cards within this interval. */
const POLL_MS = 2500;

const panel = xcss({ backgroundColor: 'color.background.neutral', borderRadius: 'radius.medium', padding: 'space.150' });
const promptBox = xcss({ backgroundColor: 'color.background.discovery', borderRadius: 'radius.medium', padding: 'space.150' });
const votes = (t: T, n: number) => t(plural(n, 'retro.votes'));
const column = xcss({ backgroundColor: 'color.background.neutral.subtle', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium', padding: 'space.150', minWidth: '220px', flex: '1' });
const cardBox = xcss({ backgroundColor: 'elevation.surface.raised', boxShadow: 'elevation.shadow.raised', borderRadius: 'radius.small', padding: 'space.100' });
const dropping = xcss({ backgroundColor: 'color.background.selected' });

export function RetroBoard({ retroId, onLeave }: { retroId: string; onLeave: () => void }) {
  const t = useT();
  const [tick, setTick] = useState(0);
  const view = useResolver<RetroView>('getRetro', { retroId }, tick, POLL_MS);
  const phase = view.state === 'done' ? view.value.data.retro.phase : null;
  const coaching = useResolver<Coaching>('getRetroCoaching', phase ? { retroId } : null, PHASES.indexOf(phase ?? 'checkin'));
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string[]>([]);

  const act = async <T,>(fn: string, payload: Record<string, unknown> = {}): Promise<T | undefined> => {
    setError(null);
    try {
      const { data } = await call<T>(fn, { retroId, ...payload });
      setTick((n) => n + 1);
      return data;
    } catch (e) {
      setError((e as ResolverError).message);
      return undefined;
    }
  };

  if (view.state === 'error') return <SectionMessage appearance="error" title={t('board.couldNotOpen')}><p>{view.error.message}</p></SectionMessage>;
  if (view.state !== 'done') return <Spinner label={t('board.opening')} />;
  const v = view.value.data;
  const r = v.retro;
  const prompts = coaching.state === 'done' ? coaching.value.data.prompts.filter((p) => p.phase === r.phase) : [];
  const tips = coaching.state === 'done' ? coaching.value.data.tips[r.phase] : [];
  const at = PHASES.indexOf(r.phase);

  return (
    <Stack space="space.250" testId="retro-board">
      <Inline spread="space-between" alignBlock="center">
        <Heading size="medium" as="h2">{t('retro.title', { sprint: r.sprintName })}</Heading>
        <Button appearance="subtle" onClick={onLeave}>{t('retro.allRetros')}</Button>
      </Inline>
      <Inline space="space.100" shouldWrap alignBlock="center" testId="phases">
        {PHASES.map((p, i) => (
          <Lozenge key={p} appearance={p === r.phase ? 'inprogress' : i < at ? 'success' : 'default'} isBold={p === r.phase}>{`${i + 1}. ${t(`retro.phase.${p}`)}`}</Lozenge>
        ))}
      </Inline>
      <Inline space="space.100" alignBlock="center">
        {v.isFacilitator ? (
          <>
            <Button isDisabled={at === 0} onClick={() => act('setPhase', { phase: PHASES[at - 1] })}>{t('retro.back')}</Button>
            <Button appearance="primary" isDisabled={at === PHASES.length - 1} onClick={() => act('setPhase', { phase: PHASES[at + 1] })} testId="next-phase">
              {at < PHASES.length - 1 ? t('retro.next', { phase: t(`retro.phase.${PHASES[at + 1]}`) }) : t('retro.lastPhase')}
            </Button>
            <Text size="small" color="color.text.subtle">{t('retro.youFacilitate')}</Text>
            <HandOver act={act} />
          </>
        ) : <Text size="small" color="color.text.subtle">{t('retro.follows')}</Text>}
      </Inline>
      {error && <SectionMessage appearance="error"><p>{error}</p></SectionMessage>}
      {notice.map((n) => <SectionMessage key={n} appearance="information"><p>{n}</p></SectionMessage>)}
      {coaching.state === 'done' && coaching.value.warnings.map((w) => <SectionMessage key={w} appearance="warning" title={t('facts.partialTitle')}><p>{w}</p></SectionMessage>)}
      {(prompts.length > 0 || tips.length > 0) && (
        <Box xcss={promptBox} testId="prompts">
          <Stack space="space.100">
            {prompts.map((p) => (
              <Stack key={p.id} space="space.050">
                <Inline space="space.100" alignBlock="center"><Lozenge appearance="new">{t(`pillar.${p.pillar}`)}</Lozenge><Text weight="medium">{t(p.text)}</Text></Inline>
                <Text size="small" color="color.text.subtle">{p.evidence.map((e) => t(e)).join('; ')}</Text>
              </Stack>
            ))}
            {tips.map((tip) => <Text key={tip.key} size="small">{t('board.tip', { tip })}</Text>)}
          </Stack>
        </Box>
      )}

      {r.phase === 'checkin' && <CheckInWord words={v.checkin.words} mine={v.checkin.mine} onSave={(word) => act('setCheckIn', { word })} />}
      {r.phase === 'checkin' && <Scale title={t('board.safetyQuestion')} testId="safety" mine={v.safety.mine} distribution={v.safety.distribution} onPick={(score) => act('setSafety', { score })} />}

      {r.phase === 'review' && coaching.state === 'done' && (
        <Stack space="space.100" testId="review">
          {coaching.value.data.previousActions.length === 0 && <Text>{t('board.noOpenActions')}</Text>}
          {coaching.value.data.previousActions.map((a) => (
            <Inline key={a.id} space="space.150" alignBlock="center">
              <Lozenge appearance={a.done ? 'success' : 'default'}>{a.done ? t('board.done') : t(plural(a.sprintsOpen, 'board.openFor'))}</Lozenge>
              <Text>{a.text}</Text>
              {a.issueKey && <IssueLink issueKey={a.issueKey} />}
              {!a.issueKey && <Button appearance="subtle" onClick={() => act('setActionDone', { actionRetroId: a.retroId, actionId: a.id, done: !a.done }).then(() => setTick((n) => n + 1))}>{a.done ? t('board.reopen') : t('board.markDone')}</Button>}
            </Inline>
          ))}
        </Stack>
      )}

      {r.phase === 'gather' && coaching.state === 'done' && coaching.value.data.facts && <FactsBrief facts={coaching.value.data.facts} />}

      {(r.phase === 'gather' || r.phase === 'insights') && (
        <Columns view={v} act={act} />
      )}

      {r.phase === 'insights' && v.isFacilitator && !r.votesRevealed && (
        <Inline space="space.100" alignBlock="center">
          <Button onClick={() => act('revealVotes')} testId="reveal-votes">{t('board.revealVotes')}</Button>
          <Text size="small" color="color.text.subtle">{t(plural(v.votersSoFar, 'board.votersSoFar'))}</Text>
        </Inline>
      )}

      {r.phase === 'decide' && <Decide view={v} act={act} />}

      {r.phase === 'close' && (
        <Stack space="space.200">
          <Scale title={t('board.rotiQuestion')} testId="roti" mine={v.roti.mine} distribution={v.roti.distribution} onPick={(score) => act('setRoti', { score })} />
          <Export act={act} onNotice={(n) => setNotice([n])} />
        </Stack>
      )}
    </Stack>
  );
}

function Scale({ title, mine, distribution, onPick, testId }: { title: string; mine: number | null; distribution: number[]; onPick: (n: number) => void; testId: string }) {
  const t = useT();
  return (
    <Stack space="space.100" testId={testId}>
      <Text weight="medium">{title}</Text>
      <Inline space="space.100" role="group" aria-label={title}>
        {[1, 2, 3, 4, 5].map((n) => (
          <Button key={n} appearance={mine === n ? 'primary' : 'default'} isSelected={mine === n} onClick={() => onPick(n)} aria-label={t('board.scoreOf5', { n })}>{String(n)}</Button>
        ))}
      </Inline>
      <Text size="small" color="color.text.subtle">
        {t('board.answersSoFar', { answers: distribution.map((c, i) => `${i + 1}: ${c}`).join(' · ') })}
      </Text>
    </Stack>
  );
}

function FactsBrief({ facts }: { facts: SprintFacts }) {
  const t = useT();
  const u = t(unitLabel(facts.unit));
  const byDay = new Map<number, string[]>();
  for (const e of facts.timeline) {
    if (e.kind === 'unflagged') continue;
    byDay.set(e.day, [...(byDay.get(e.day) ?? []), t(`board.event.${e.kind}`, { key: e.key, detail: e.detail ?? '' })]);
  }
  return (
    <Box xcss={panel} testId="facts-brief">
      <Stack space="space.100">
        <Text weight="bold">
          {t('board.factsLine', { committed: num(facts.totals.committed.estimate), completed: num(facts.totals.completed.estimate), unit: u, scopeChange: pct(facts.metrics.scopeChange), sayDo: pct(facts.metrics.sayDo), flagged: num(facts.metrics.flaggedHours) })}
        </Text>
        <BurndownChart facts={facts} />
        {[...byDay].map(([d, events]) => <Text key={d} size="small">{t('board.day', { day: d, events: events.join(', ') })}</Text>)}
      </Stack>
    </Box>
  );
}

type Act = <T>(fn: string, payload?: Record<string, unknown>) => Promise<T | undefined>;

function Columns({ view, act }: { view: RetroView; act: Act }) {
  const t = useT();
  const r = view.retro;
  const [newTheme, setNewTheme] = useState('');
  const themeOptions = [{ label: t('board.noTheme'), value: '' }, ...view.themes.map((t) => ({ label: t.title, value: t.id }))];
  return (
    <Stack space="space.200">
      {r.phase === 'insights' && (
        <Stack space="space.100">
          <Text>{t('board.votesLeft')} <b data-testid="votes-left">{view.myVotesLeft}</b> {t('board.ofBudget', { budget: r.voteBudget })} {r.votesRevealed ? t('board.revealed') : t('board.hidden')}</Text>
          <Inline space="space.100" alignBlock="end">
            <Textfield aria-label={t('board.newTheme')} placeholder={t('board.nameTheme')} value={newTheme} onChange={(e) => setNewTheme((e.target as HTMLInputElement).value)} width={260} />
            <Button isDisabled={!newTheme.trim()} onClick={() => act('addTheme', { title: newTheme }).then(() => setNewTheme(''))}>{t('board.addTheme')}</Button>
          </Inline>
          <Inline space="space.150" shouldWrap>
            {view.themes.map((th) => (
              <ThemeDrop key={th.id} id={th.id} title={th.title} count={th.votes} onDropCard={(cardId) => act('groupCard', { cardId, themeId: th.id })}>
                {view.cards.filter((c) => c.themeId === th.id).map((c) => <Text key={c.id} size="small">• {c.text}</Text>)}
              </ThemeDrop>
            ))}
          </Inline>
        </Stack>
      )}
      <Inline space="space.150" alignBlock="start" shouldWrap>
        {r.format.columns.map((col) => (
          <Box key={col.id} xcss={column} testId={`column-${col.id}`}>
            <Stack space="space.100">
              <Heading size="small" as="h3">{t(columnTitle(r.format, col))}</Heading>
              <Text size="small" color="color.text.subtle">{t(columnHint(r.format, col))}</Text>
              {view.cards.filter((c) => c.columnId === col.id).map((c) => (
                <CardItem key={c.id} card={c} view={view} act={act} themeOptions={themeOptions} />
              ))}
              {(r.phase === 'gather' || r.phase === 'insights') && <NewCard onAdd={(text) => act('addCard', { columnId: col.id, text })} label={t('board.addCardTo', { column: columnTitle(r.format, col) })} />}
            </Stack>
          </Box>
        ))}
      </Inline>
    </Stack>
  );
}

function ThemeDrop({ id, title, count, onDropCard, children }: { id: string; title: string; count: number | null; onDropCard: (cardId: string) => void; children: React.ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState(false);
  useEffect(() => dropTargetForElements({
    element: ref.current!,
    getData: () => ({ themeId: id }),
    onDragEnter: () => setOver(true),
    onDragLeave: () => setOver(false),
    onDrop: ({ source }) => { setOver(false); onDropCard(String(source.data.cardId)); },
  }), [id, onDropCard]);
  return (
    <div ref={ref} data-testid={`theme-${title}`}>
      <Box xcss={[panel, over ? dropping : undefined]}>
        <Stack space="space.050">
          <Text weight="bold">{title}{count !== null ? ` — ${votes(t, count)}` : ''}</Text>
          {children}
        </Stack>
      </Box>
    </div>
  );
}

function CardItem({ card, view, act, themeOptions }: { card: CardView; view: RetroView; act: Act; themeOptions: { label: string; value: string }[] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(card.text);
  const insights = view.retro.phase === 'insights';
  useEffect(() => (insights ? draggable({ element: ref.current!, getInitialData: () => ({ cardId: card.id }) }) : undefined), [insights, card.id]);
  return (
    <div ref={ref} data-testid="card">
      <Box xcss={cardBox}>
        <Stack space="space.075">
          {editing ? (
            <Stack space="space.050">
              <TextArea aria-label={t('board.editCard')} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
              <Inline space="space.050">
                <Button appearance="primary" onClick={() => act('editCard', { cardId: card.id, text }).then(() => setEditing(false))}>{t('common.save')}</Button>
                <Button appearance="subtle" onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
              </Inline>
            </Stack>
          ) : <Text>{card.text}</Text>}
          <Inline space="space.075" alignBlock="center" shouldWrap>
            {card.mine && <Lozenge>{t('board.yours')}</Lozenge>}
            {card.votes !== null && <Lozenge appearance="inprogress">{votes(t, card.votes)}</Lozenge>}
            {insights && (
              <>
                <Button spacing="compact" isDisabled={view.myVotesLeft === 0} onClick={() => act('vote', { cardId: card.id })} aria-label={t('board.voteFor', { text: card.text })}>{t('board.vote')}</Button>
                {card.myVotes > 0 && <Button spacing="compact" appearance="subtle" onClick={() => act('unvote', { cardId: card.id })} aria-label={t('board.unvote', { text: card.text })}>− ({card.myVotes})</Button>}
              </>
            )}
            {card.mine && !editing && view.retro.phase === 'gather' && (
              <>
                <Button spacing="compact" appearance="subtle" onClick={() => setEditing(true)}>{t('common.edit')}</Button>
                <Button spacing="compact" appearance="subtle" onClick={() => act('deleteCard', { cardId: card.id })}>{t('common.delete')}</Button>
              </>
            )}
          </Inline>
          {insights && themeOptions.length > 1 && (
            // The keyboard way to group: the same as dragging the card onto a theme.
            <Select aria-label={t('board.themeFor', { text: card.text })} options={themeOptions} spacing="compact"
              value={themeOptions.find((o) => o.value === (card.themeId ?? '')) ?? null}
              onChange={(o) => act('groupCard', { cardId: card.id, themeId: (o as { value: string }).value || null })} />
          )}
        </Stack>
      </Box>
    </div>
  );
}

function NewCard({ onAdd, label }: { onAdd: (text: string) => Promise<unknown>; label: string }) {
  const t = useT();
  const [text, setText] = useState('');
  return (
    <Stack space="space.050">
      <TextArea aria-label={label} placeholder={t('board.writeCard')} value={text} maxLength={2000} minimumRows={2} onChange={(e) => setText(e.target.value)} />
      <Button isDisabled={!text.trim()} onClick={() => onAdd(text).then(() => setText(''))}>{t('board.addCard')}</Button>
    </Stack>
  );
}

function Decide({ view, act }: { view: RetroView; act: Act }) {
  const t = useT();
  const locale = useLocale();
  const [text, setText] = useState('');
  const [measure, setMeasure] = useState('');
  const [owner, setOwner] = useState<{ label: string; value: string } | null>(null);
  const [dueSprintId, setDueSprintId] = useState<number | null>(null);
  const sprints = useResolver<{ sprints: { id: number; name: string; state: string }[] }>('getSprints', { boardId: view.retro.boardId });
  const later = sprints.state === 'done' ? sprints.value.data.sprints.filter((s) => s.id !== view.retro.sprintId && (s.state === 'active' || s.id > view.retro.sprintId)) : [];
  const sprintOptions = [{ label: t('board.notSet'), value: '' }, ...later.map((s) => ({ label: s.name, value: String(s.id) }))];
  const [hints, setHints] = useState<Message[]>([]);
  const ranked = [...view.themes].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
  return (
    <Stack space="space.200" testId="decide">
      {ranked.length > 0 && <Text>{t('board.themesByVotes', { themes: ranked.map((th) => `${th.title}${th.votes !== null ? ` (${th.votes})` : ''}`).join(' · ') })}</Text>}
      <Stack space="space.100">
        <Heading size="small" as="h3">{t('retro.actions')}</Heading>
        {view.actions.map((a) => (
          <Inline key={a.id} space="space.150" alignBlock="center" shouldWrap>
            <Text>{a.text}</Text>
            {a.measure && <Text size="small" color="color.text.subtle">{t('retro.measure', { measure: a.measure })}</Text>}
            {a.issueKey
              ? <IssueLink issueKey={a.issueKey} />
              : <Button spacing="compact" onClick={() => act('createActionIssue', { actionId: a.id, locale })}>{t('board.createInJira')}</Button>}
          </Inline>
        ))}
      </Stack>
      <Stack space="space.100">
        <Textfield aria-label={t('board.action')} placeholder={t('board.actionPlaceholder')} value={text} onChange={(e) => setText((e.target as HTMLInputElement).value)} />
        <Textfield aria-label={t('board.measure')} placeholder={t('board.measurePlaceholder')} value={measure} onChange={(e) => setMeasure((e.target as HTMLInputElement).value)} />
        <Inline space="space.150" shouldWrap>
          <Box xcss={xcss({ minWidth: '260px' })}><Text size="small">{t('board.owner')}</Text><UserPicker label={t('board.actionOwner')} value={owner} onChange={setOwner} /></Box>
          <Box xcss={xcss({ minWidth: '200px' })}>
            <Text size="small">{t('board.checkItIn')}</Text>
            <Select aria-label={t('board.checkSprint')} options={sprintOptions} value={sprintOptions.find((o) => o.value === String(dueSprintId ?? '')) ?? null}
              onChange={(o) => setDueSprintId((o as { value: string }).value ? Number((o as { value: string }).value) : null)} />
          </Box>
        </Inline>
        <Inline space="space.100">
          <Button appearance="primary" isDisabled={!text.trim()} onClick={async () => {
            const out = await act<{ hints: Message[] }>('addAction', { text, measure, ownerId: owner?.value ?? view.me, dueSprintId });
            if (out) { setHints(out.hints); setText(''); setMeasure(''); setOwner(null); setDueSprintId(null); }
          }}>{t('board.addAction')}</Button>
        </Inline>
        {hints.length > 0 && (
          <SectionMessage appearance="discovery" title={t('board.smartTitle')}>
            {hints.map((h) => <p key={h.key}>{t(h)}</p>)}
          </SectionMessage>
        )}
      </Stack>
    </Stack>
  );
}

function Export({ act, onNotice }: { act: Act; onNotice: (n: string) => void }) {
  const t = useT();
  const locale = useLocale();
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [issueKey, setIssueKey] = useState('');
  return (
    <Stack space="space.100" testId="export">
      <Heading size="small" as="h3">{t('board.share')}</Heading>
      <Inline space="space.100">
        <Button onClick={async () => { const out = await act<{ markdown: string }>('exportRetro', { locale }); if (out) setMarkdown(out.markdown); }}>{t('board.showMarkdown')}</Button>
        {markdown && <Button onClick={() => navigator.clipboard?.writeText(markdown).then(() => onNotice(t('board.copied')), () => onNotice(t('board.copyFailed')))}>{t('board.copy')}</Button>}
      </Inline>
      {markdown && <TextArea aria-label={t('board.markdownLabel')} value={markdown} isReadOnly minimumRows={8} />}
      <Inline space="space.100" alignBlock="end">
        <Textfield aria-label={t('board.issueKey')} placeholder={t('board.issueKeyPlaceholder')} value={issueKey} onChange={(e) => setIssueKey((e.target as HTMLInputElement).value.toUpperCase())} width={200} />
        <Button isDisabled={!/^[A-Z][A-Z0-9_]*-\d+$/.test(issueKey)} onClick={async () => { const out = await act('postRetroSummary', { issueKey, locale }); if (out) onNotice(t('board.posted', { key: issueKey })); }}>{t('board.postComment')}</Button>
      </Inline>
    </Stack>
  );
}

/** The facilitator hands the role to someone else; the page follows for everyone. */
function HandOver({ act }: { act: Act }) {
  const t = useT();
  const [to, setTo] = useState<{ label: string; value: string } | null>(null);
  return (
    <Inline space="space.100" alignBlock="center">
      <Box xcss={xcss({ minWidth: '220px' })}><UserPicker label={t('board.nextFacilitator')} value={to} onChange={setTo} /></Box>
      <Button isDisabled={!to} onClick={() => to && act('handOver', { accountId: to.value }).then(() => setTo(null))}>{t('board.handOver')}</Button>
    </Inline>
  );
}

function CheckInWord({ words, mine, onSave }: { words: string[]; mine: string | null; onSave: (word: string) => Promise<unknown> }) {
  const t = useT();
  const [word, setWord] = useState('');
  return (
    <Stack space="space.100" testId="checkin">
      <Text weight="medium">{t('board.checkinQuestion')}</Text>
      <Inline space="space.100" alignBlock="end">
        <Textfield aria-label={t('board.checkinWord')} placeholder={mine ?? t('board.oneWord')} value={word} maxLength={40} onChange={(e) => setWord((e.target as HTMLInputElement).value)} width={220} />
        <Button isDisabled={!word.trim()} onClick={() => onSave(word).then(() => setWord(''))}>{mine ? t('board.change') : t('board.checkIn')}</Button>
      </Inline>
      {words.length > 0 && <Text size="small" color="color.text.subtle">{t('board.wordsSoFar', { words: words.join(' · ') })}</Text>}
    </Stack>
  );
}
