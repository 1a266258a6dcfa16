import type { Ref } from 'react';
import { FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

export interface TextInputProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** A message key (or the server's own words), shown next to the field and announced. */
  error?: string;
  description?: string;
  type?: 'text' | 'url' | 'email' | 'number' | 'password' | 'search' | 'date';
  isRequired?: boolean;
  multiline?: boolean;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
  autoComplete?: string;
  placeholder?: string;
}

/**
 * A labelled field with its hint and its error next to it (GOV.UK error messages; React Aria
 * wires aria-describedby and aria-invalid).
 */
export function TextInput({
  label,
  error,
  description,
  multiline,
  inputRef,
  isRequired,
  ...props
}: TextInputProps) {
  const { t } = useTranslation();
  return (
    <TextField
      className="field"
      {...props}
      isRequired={isRequired}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label>
        {label}
        {isRequired ? null : <span className="optional"> {t('common:optional')}</span>}
      </Label>
      {description ? (
        <Text slot="description" className="hint">
          {description}
        </Text>
      ) : null}
      {multiline ? <TextArea ref={inputRef} rows={3} /> : <Input ref={inputRef} />}
      <FieldError className="field-error">
        {error ? t(error, { defaultValue: error }) : null}
      </FieldError>
    </TextField>
  );
}
