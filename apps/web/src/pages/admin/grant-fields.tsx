import type { Organisation } from '../../api/admin-api';
import type { GrantRole } from '../../api/types';
import { useCurrentUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n-context';
import { SelectField } from './admin-field';
import { GRANT_ROLES, isPlatformAdmin, type GrantChoice } from './grant-scope';

export interface GrantOptions {
  organisations: Organisation[];
  /** The chains this admin may give roles for, with their names. */
  chains: { id: string; name: string }[];
}

interface Props extends GrantOptions {
  id: string;
  value: GrantChoice;
  onChange: (value: GrantChoice) => void;
  problem?: string;
}

/** A role and where it holds: the organisation of a caseworker, the chain (or every chain) of the rest. */
export function GrantFields({ id, value, onChange, problem, organisations, chains }: Props) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const caseworker = value.role === 'caseworker';
  const scopes = caseworker
    ? organisations
        .filter((organisation) => organisation.active)
        .map((organisation) => ({ value: organisation.id, label: organisation.name }))
    : chains.map((chain) => ({ value: chain.id, label: chain.name }));
  return (
    <div className="field-row">
      <SelectField
        id={`${id}-role`}
        label={t('admin.grant.role')}
        value={value.role}
        onChange={(role) => onChange({ role: (role || 'caseworker') as GrantRole, scope: '' })}
        options={GRANT_ROLES.map((role) => ({ value: role, label: t(`admin.role.${role}`) }))}
      />
      <SelectField
        id={`${id}-scope`}
        label={caseworker ? t('admin.grant.organisation') : t('admin.grant.chain')}
        value={value.scope}
        onChange={(scope) => onChange({ ...value, scope })}
        options={scopes}
        placeholder={
          caseworker || !isPlatformAdmin(user.grants) ? undefined : t('admin.everyChain')
        }
        problem={problem}
      />
    </div>
  );
}
