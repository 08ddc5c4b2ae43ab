import type { ReactNode } from 'react';
import type { UserRole } from '../api/types';
import { useCurrentUser } from '../auth/auth-context';
import { EmptyState } from '../components/states';
import { useI18n } from '../i18n/i18n-context';
import { holdsAdminGrant } from '../routes';

interface Props {
  roles: UserRole[];
  /** Also open to whoever holds an admin grant, whatever their primary role (the admin pages). */
  anyAdmin?: boolean;
  children: ReactNode;
}

/** Pages for other roles say so instead of failing on the API's 403. */
export function RequireRole({ roles, anyAdmin, children }: Props) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const allowed = roles.includes(user.role) || (anyAdmin === true && holdsAdminGrant(user));
  if (!allowed) return <EmptyState>{t('error.forbidden')}</EmptyState>;
  return <>{children}</>;
}
