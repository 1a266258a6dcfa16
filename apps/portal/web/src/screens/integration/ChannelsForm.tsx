import { useState } from 'react';
import { Button, Checkbox, CheckboxGroup, Form, Label, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Integration } from '../../api/types';
import { ErrorMessage } from '../../components/QueryState';
import { useUpdateChannels } from './queries';

const CHANNELS = ['portal', 'files', 'api'] as const;

/** `001_*` step 1: Portal (mandatory), file integration, API. */
export function ChannelsForm({
  integration,
  onSaved,
}: {
  integration: Integration;
  onSaved: () => void;
}) {
  const { t } = useTranslation('integration');
  const save = useUpdateChannels();
  const saved = integration.channels;
  // Starts from what is saved; the screen remounts the form when that changes (its key).
  const [chosen, setChosen] = useState<string[]>(() => CHANNELS.filter((c) => saved[c]));
  return (
    <Form
      className="form"
      aria-labelledby="channels-title"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { portal: true, files: chosen.includes('files'), api: chosen.includes('api') },
          { onSuccess: onSaved },
        );
      }}
    >
      <h2 id="channels-title">{t('channels.title')}</h2>
      <ErrorMessage error={save.error} />
      <CheckboxGroup
        className="field checks"
        value={[...new Set(['portal', ...chosen])]}
        onChange={setChosen}
        name="channels"
      >
        <Label>{t('channels.label')}</Label>
        <Text slot="description" className="hint">
          {t('channels.hint')}
        </Text>
        {CHANNELS.map((c) => (
          <Checkbox key={c} value={c} className="checkbox" isDisabled={c === 'portal'}>
            <span className="box" aria-hidden="true" />
            <span className="checkbox-text">
              <span className="radio-label">{t(`channels.${c}.name`)}</span>{' '}
              <span className="hint">{t(`channels.${c}.hint`)}</span>
            </span>
          </Checkbox>
        ))}
      </CheckboxGroup>
      <Button type="submit" className="btn" isDisabled={save.isPending}>
        {save.isPending ? t('common:saving') : t('channels.save')}
      </Button>
    </Form>
  );
}
