import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/**
 * A secret the platform shows once (a client secret, a client access token, a webhook signing
 * secret): a warning, the value, a copy button, and a way to dismiss it. Nothing keeps it.
 */
export function SecretOnce({
  label,
  value,
  onDone,
}: {
  label: string;
  value: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section className="secret-once" aria-labelledby="secret-once-title" role="region">
      <h3 id="secret-once-title">{label}</h3>
      <p className="warning" role="alert">
        <strong>{t('common:secret.warningTitle')}</strong> {t('common:secret.warning')}
      </p>
      <code className="secret-value" data-testid="secret-value">
        {value}
      </code>
      <div className="actions">
        <Button className="btn" onPress={() => void copy()}>
          {t('common:secret.copy')}
        </Button>
        <Button className="btn btn-secondary" onPress={onDone}>
          {t('common:secret.done')}
        </Button>
      </div>
      <p className="status" role="status" aria-live="polite">
        {copied ? t('common:secret.copied') : ''}
      </p>
    </section>
  );
}
