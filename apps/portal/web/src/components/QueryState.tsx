import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/bff';

/** Loading and failure of a query, in plain words. */
export function QueryState({ isLoading, error }: { isLoading: boolean; error: unknown }) {
  const { t } = useTranslation();
  if (isLoading) return <p role="status">{t('common:loading')}</p>;
  if (!error) return null;
  return <ErrorMessage error={error} />;
}

export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  const text =
    status === 403
      ? t('common:errors.forbidden')
      : status === 404
        ? t('common:errors.notFound')
        : status >= 500 || status === 0
          ? t('common:errors.unavailable')
          : (error as Error).message;
  return (
    <div className="error-summary" role="alert">
      <p>{text}</p>
      {status === 403 && error instanceof ApiError ? <p className="hint">{error.detail}</p> : null}
    </div>
  );
}
