import { useTranslation } from 'react-i18next';

/** Dates and times in the reader's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
  return {
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '—'),
  };
}
