import { zodResolver } from '@hookform/resolvers/zod';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Form,
  Label,
  Radio,
  RadioGroup,
  Text,
} from 'react-aria-components';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError } from '../../api/bff';
import type { ClientWithSecret } from '../../api/types';
import { ErrorMessage } from '../../components/QueryState';
import { TextInput } from '../../components/TextInput';
import { useLicenses } from '../licenses/queries';
import { useCreateApplication, useGrantableScopes } from './queries';

export const KINDS = ['service', 'server', 'browser', 'anonymous', 'password'] as const;
/** What a context's admin may register (oauth refuses the rest, context-policy.ts). */
const CONTEXT_KINDS = ['service', 'server', 'browser'] as const;
const NEEDS_REDIRECT = new Set(['server', 'browser', 'anonymous']);

const lines = (text: string) =>
  text
    .split(/\s+/)
    .map((l) => l.trim())
    .filter(Boolean);
const isUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const schema = z
  .object({
    name: z.string().trim().min(1, 'errors.required').max(200),
    kind: z.enum(KINDS),
    scopes: z.array(z.string()).min(1, 'applications:errors.scopes'),
    redirectUris: z.string(),
    license: z.string(),
  })
  .superRefine((v, ctx) => {
    const uris = lines(v.redirectUris);
    if (NEEDS_REDIRECT.has(v.kind) && uris.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['redirectUris'],
        message: 'applications:errors.redirectRequired',
      });
    if (uris.some((u) => !isUrl(u)))
      ctx.addIssue({
        code: 'custom',
        path: ['redirectUris'],
        message: 'applications:errors.redirectUrl',
      });
  });
type Values = z.infer<typeof schema>;

/**
 * Screen 2: a new application of the context (kind, scopes, redirect URIs, the license responsible
 * for its requests); its secret comes back once. The scopes offered are those oauth lets this
 * user grant.
 */
export function CreateApplicationForm({
  onCreated,
  platformAdmin,
}: {
  onCreated: (client: ClientWithSecret) => void;
  platformAdmin: boolean;
}) {
  const { t } = useTranslation('applications');
  const create = useCreateApplication();
  const scopes = useGrantableScopes();
  const licenses = useLicenses();
  const kinds = platformAdmin ? KINDS : CONTEXT_KINDS;
  const bindable = (licenses.data?.content ?? []).filter(
    (l) => l.code === 'VALID' || l.code === 'NOT_YET_VALID',
  );
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', kind: 'service', scopes: [], redirectUris: '', license: '' },
  });
  const submit = form.handleSubmit((v) => {
    const body = {
      name: v.name,
      kind: v.kind,
      scopes: v.scopes,
      ...(lines(v.redirectUris).length ? { redirectUris: lines(v.redirectUris) } : {}),
      ...(v.license ? { license: v.license } : {}),
    };
    create.mutate(body, {
      onSuccess: (client) => {
        form.reset();
        onCreated(client);
      },
      onError: (e) => {
        if (e instanceof ApiError)
          for (const [field, msgs] of Object.entries(e.fields))
            form.setError(field as keyof Values, { message: msgs.join(' ') });
      },
    });
  });
  return (
    <Form
      className="form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="new-app-title"
      validationBehavior="aria"
    >
      <h2 id="new-app-title">{t('create.title')}</h2>
      <ErrorMessage error={create.error} />
      <Controller
        control={form.control}
        name="name"
        render={({ field, fieldState }) => (
          <TextInput
            label={t('create.name')}
            isRequired
            {...field}
            inputRef={field.ref}
            error={fieldState.error?.message}
          />
        )}
      />
      <Controller
        control={form.control}
        name="kind"
        render={({ field }) => (
          <RadioGroup
            className="field radios"
            value={field.value}
            onChange={field.onChange}
            name="kind"
            isRequired
          >
            <Label>{t('create.kind')}</Label>
            {kinds.map((k) => (
              <Radio key={k} value={k} className="radio">
                <span className="radio-label">{t(`kinds.${k}.name`)}</span>
                <span className="hint">{t(`kinds.${k}.hint`)}</span>
              </Radio>
            ))}
          </RadioGroup>
        )}
      />
      <Controller
        control={form.control}
        name="scopes"
        render={({ field, fieldState }) => (
          <CheckboxGroup
            className="field checks"
            value={field.value}
            onChange={field.onChange}
            name="scopes"
            isInvalid={Boolean(fieldState.error)}
            validationBehavior="aria"
            isRequired
          >
            <Label>{t('create.scopes')}</Label>
            <Text slot="description" className="hint">
              {t('create.scopesHint')}
            </Text>
            {(scopes.data?.grantable ?? []).map((s) => (
              <Checkbox key={s} value={s} className="checkbox">
                <span className="box" aria-hidden="true" />
                <code>{s}</code>
              </Checkbox>
            ))}
            <FieldError className="field-error">
              {fieldState.error?.message
                ? t(fieldState.error.message, { ns: ['applications', 'common'] })
                : null}
            </FieldError>
          </CheckboxGroup>
        )}
      />
      <Controller
        control={form.control}
        name="redirectUris"
        render={({ field, fieldState }) => (
          <TextInput
            label={t('create.redirectUris')}
            description={t('create.redirectHint')}
            multiline
            {...field}
            inputRef={field.ref}
            error={fieldState.error?.message}
          />
        )}
      />
      <Controller
        control={form.control}
        name="license"
        render={({ field, fieldState }) => (
          <div className="field">
            <label htmlFor="new-app-license">
              {t('create.license')} <span className="optional">{t('common:optional')}</span>
            </label>
            <p className="hint" id="new-app-license-hint">
              {t('create.licenseHint')}
            </p>
            <select
              id="new-app-license"
              aria-describedby={`new-app-license-hint${fieldState.error ? ' new-app-license-error' : ''}`}
              aria-invalid={fieldState.error ? true : undefined}
              {...field}
            >
              <option value="">{t('create.noLicense')}</option>
              {bindable.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.systemName ?? l.system}
                </option>
              ))}
            </select>
            {fieldState.error ? (
              <p className="field-error" id="new-app-license-error">
                {fieldState.error.message}
              </p>
            ) : null}
          </div>
        )}
      />
      <Button type="submit" className="btn" isDisabled={create.isPending}>
        {create.isPending ? t('common:saving') : t('create.submit')}
      </Button>
    </Form>
  );
}
