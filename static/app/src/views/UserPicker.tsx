import { useState } from 'react';
import { AsyncSelect } from '@atlaskit/select';
import type { UserRef } from '../../../../src/jira/users';
import { call } from '../api';
import { useT } from '../i18n';

interface Option { label: string; value: string }

/** Pick a Jira user by name (searched in Jira as the current user sees people). */
export function UserPicker({ label, value, onChange }: { label: string; value: Option | null; onChange: (o: Option | null) => void }) {
  const t = useT();
  // Why the list is empty when it is not "nobody by that name" (no permission to look people up, Jira busy).
  const [problem, setProblem] = useState<string | null>(null);
  const load = async (query: string): Promise<Option[]> => {
    if (!query.trim()) return [];
    try {
      const { data } = await call<UserRef[]>('findUsers', { query });
      setProblem(null);
      return data.map((u) => ({ label: u.displayName, value: u.accountId }));
    } catch (e) {
      setProblem((e as Error).message);
      return [];
    }
  };
  return (
    <AsyncSelect aria-label={label} inputId={`user-${label.replace(/\W+/g, '-').toLowerCase()}`} loadOptions={load} value={value} isClearable
      placeholder={t('user.typeName')} onChange={(o) => onChange((o as Option | null) ?? null)} cacheOptions defaultOptions={false}
      noOptionsMessage={problem ? () => problem : undefined} />
  );
}
