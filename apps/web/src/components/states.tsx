import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" />
      {t('state.loading')}
    </p>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="empty" role="status">
      {children}
    </div>
  );
}

export function Notice({
  children,
  tone = 'success',
}: {
  children: ReactNode;
  tone?: 'success' | 'info';
}) {
  return (
    <div className={`notice notice--${tone}`} role="status" aria-live="polite">
      {children}
    </div>
  );
}
