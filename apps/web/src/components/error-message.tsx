import { ApiError } from '../api/api-error';
import { useI18n } from '../i18n/i18n-context';
import { errorDetail, errorMessageKey } from './error-text';

/** An error in words a caseworker understands, with the request id for the helpdesk. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const detail = errorDetail(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <div className="notice notice--error" role="alert">
      <p>{t(errorMessageKey(error))}</p>
      {detail && <p className="notice__detail">{detail}</p>}
      {requestId && <p className="notice__reference">{t('state.reference', { requestId })}</p>}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}
