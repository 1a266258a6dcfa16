import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/bff';
import type { IssuedClientToken } from '../../api/types';
import { TextInput } from '../../components/TextInput';
import { useIssueToken } from './queries';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * `000_*` client access token: a description and, optionally, the only endpoints it may call
 * (`004_*`: "endpoints que devem ser habilitados"), one `METHOD /path` per line as the API
 * reference names them; oauth checks each and says which is wrong next to the field.
 */
export function IssueTokenForm({
  clientId,
  name,
  onIssued,
}: {
  clientId: string;
  name: string;
  onIssued: (token: IssuedClientToken) => void;
}) {
  const { t } = useTranslation('applications');
  const issue = useIssueToken();
  const [description, setDescription] = useState('');
  const [endpoints, setEndpoints] = useState('');
  const fields = issue.error instanceof ApiError ? issue.error.fields : {};
  const other = issue.error && !fields['endpoints'] && !fields['description'];
  return (
    <Form
      className="form compact"
      aria-label={t('token.formLabel', { name })}
      validationBehavior="aria"
      onSubmit={(e) => {
        e.preventDefault();
        const list = lines(endpoints);
        issue.mutate(
          {
            clientId,
            body: {
              ...(description.trim() ? { description: description.trim() } : {}),
              ...(list.length ? { endpoints: list } : {}),
            },
          },
          {
            onSuccess: (token) => {
              setDescription('');
              setEndpoints('');
              onIssued(token);
            },
          },
        );
      }}
    >
      <TextInput
        label={t('token.description')}
        name="description"
        value={description}
        onChange={setDescription}
        error={fields['description']?.join(' ')}
      />
      <TextInput
        label={t('token.endpoints')}
        name="endpoints"
        description={t('token.endpointsHint')}
        value={endpoints}
        onChange={setEndpoints}
        multiline
        placeholder="GET /api/v1/event-types"
        error={fields['endpoints']?.join(' ')}
      />
      {other ? (
        <p className="field-error" role="alert">
          {(issue.error as Error).message}
        </p>
      ) : null}
      <Button type="submit" className="btn btn-secondary" isDisabled={issue.isPending}>
        {t('card.issueToken')}
      </Button>
    </Form>
  );
}
