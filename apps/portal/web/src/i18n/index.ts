import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues } from '../screens/catalogues';
import en from './en.json';
import ptBR from './pt-BR.json';

export const LANGUAGES = ['pt-BR', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORED = 'portal.language';

/** The reader's choice (a preference, not a credential), else Portuguese (spec §8 default). */
function initialLanguage(): Language {
  const stored = localStorage.getItem(STORED);
  return stored === 'en' ? 'en' : 'pt-BR';
}

void i18n.use(initReactI18next).init({
  resources: {
    'pt-BR': { common: ptBR, ...catalogues['pt-BR'] },
    en: { common: en, ...catalogues.en },
  },
  lng: initialLanguage(),
  fallbackLng: 'pt-BR',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem(STORED, lng);
});
