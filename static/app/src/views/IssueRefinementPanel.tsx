import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { ItemReadiness } from '../../../../src/domain/readiness';
import { call, ResolverError } from '../api';
import { num } from '../format';
import { useResolver } from '../useResolver';
import { useT } from '../i18n';

interface IssueRefinement {
  boardId: number; projectKey: string;
  readiness: ItemReadiness;
  scores: { wsjf: number | null; valueForEffort: number | null } | null;
  derivedValue: number | null;
  stakeholders: { stakeholderId: string; name: string; relation: string; statedValue: number | null }[];
  allStakeholders: { id: string; name: string }[];
}


/** Issue panel: is this item ready, how is it scored, and whose is it? */
export function IssueRefinementPanel({ issueKey }: { issueKey: string }) {
  const t = useT();
  const relationOptions = [{ label: t('issueRefine.asked'), value: 'asked' }, { label: t('issueRefine.benefits'), value: 'benefits' }];
  const valueOptions = [{ label: t('issueRefine.noValue'), value: 0 }, ...Array.from({ length: 10 }, (_, i) => ({ label: t('issueRefine.value', { n: i + 1 }), value: i + 1 }))];
  const [version, setVersion] = useState(0);
  const info = useResolver<IssueRefinement>('getIssueRefinement', { issueKey }, version);
  const [who, setWho] = useState<{ label: string; value: string } | null>(null);
  const [relation, setRelation] = useState(relationOptions[0]);
  const [stated, setStated] = useState(valueOptions[0]);
  const [error, setError] = useState<string | null>(null);
  if (info.state === 'error') return <SectionMessage appearance="error" title={t('facts.couldNotLoad')}><p>{info.error.message}</p></SectionMessage>;
  if (info.state !== 'done') return <Spinner label={t('issueRefine.loading')} />;
  const d = info.value.data;
  const link = async () => {
    if (!who) return;
    setError(null);
    try {
      await call('linkStakeholder', { projectKey: d.projectKey, stakeholderId: who.value, issueKey, relation: relation.value, statedValue: stated.value || null });
      setWho(null); setVersion((n) => n + 1);
    } catch (e) { setError((e as ResolverError).message); }
  };
  return (
    <Stack space="space.150" testId="issue-refinement">
      <Inline space="space.100" alignBlock="center">
        <Heading size="small" as="h3">{t('issueRefine.title')}</Heading>
        {d.readiness.ready ? <Lozenge appearance="success">{t('refine.ready')}</Lozenge> : <Lozenge appearance="moved">{t('refine.notReady')}</Lozenge>}
      </Inline>
      <Stack space="space.025">
        {d.readiness.checks.map((c) => <Text key={c.id} size="small" color={c.ok ? 'color.text.subtle' : 'color.text'}>{c.ok ? '✓' : '✗'} {t(c.detail)}</Text>)}
      </Stack>
      <Text>{t('issueRefine.scores', { wsjf: num(d.scores?.wsjf ?? null), vfe: num(d.scores?.valueForEffort ?? null) })}{d.derivedValue !== null ? ` · ${t('issueRefine.derived', { value: d.derivedValue })}` : ''}</Text>
      <Heading size="small" as="h3">{t('app.tabs.stakeholders')}</Heading>
      {d.stakeholders.length === 0 ? <Text>{t('issueRefine.nobody')}</Text> : d.stakeholders.map((s) => (
        <Text key={s.stakeholderId}>{s.name} {s.relation === 'asked' ? t('issueRefine.asked') : t('issueRefine.benefits')}{s.statedValue ? ` (${t('issueRefine.value', { n: s.statedValue })})` : ''}</Text>
      ))}
      {d.allStakeholders.length > 0 && (
        <Inline space="space.100" alignBlock="end" shouldWrap>
          <Box xcss={xcss({ minWidth: '200px' })}><Select aria-label={t('issueRefine.toLink')} options={d.allStakeholders.map((s) => ({ label: s.name, value: s.id }))} value={who} onChange={(o) => setWho(o as typeof who)} /></Box>
          <Box xcss={xcss({ minWidth: '160px' })}><Select aria-label={t('issueRefine.relation')} options={relationOptions} value={relation} onChange={(o) => setRelation(o as typeof relation)} /></Box>
          <Box xcss={xcss({ minWidth: '160px' })}><Select aria-label={t('issueRefine.stated')} options={valueOptions} value={stated} onChange={(o) => setStated(o as typeof stated)} /></Box>
          <Button isDisabled={!who} onClick={link}>{t('stakeholders.link')}</Button>
        </Inline>
      )}
      {error && <SectionMessage appearance="error"><p>{error}</p></SectionMessage>}
    </Stack>
  );
}
