import type { ReactNode } from 'react';
import type { UserRole } from '../api/types';
import { useCurrentUser } from '../auth/auth-context';
import { EmptyState } from '../components/states';
import { useI18n } from '../i18n/i18n-context';

/** Pages for other roles say so instead of failing on the API's 403. */
export function RequireRole({ roles, children }: { roles: UserRole[]; children: ReactNode }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  if (!roles.includes(user.role)) return <EmptyState>{t('error.forbidden')}</EmptyState>;
  return <>{children}</>;
}
