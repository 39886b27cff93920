import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-tw';
import type { Locale } from '@custodian/shared';
import { en, zhTW } from './locales/index.js';
import { setRequestLanguage } from './api/client.js';

const STORAGE_KEY = 'custodian.language';

/** zh-TW unless the user chose English on this browser before. */
function storedLanguage(): Locale {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-TW';
  } catch {
    return 'zh-TW';
  }
}

function applyLanguage(locale: Locale): void {
  document.documentElement.lang = locale;
  dayjs.locale(locale === 'en' ? 'en' : 'zh-tw');
  setRequestLanguage(locale);
}

const initial = storedLanguage();
applyLanguage(initial);
void i18n.use(initReactI18next).init({
  resources: { 'zh-TW': { translation: zhTW }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-TW',
  // React escapes text itself; i18next must not double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', () => {
  document.title = i18n.t('app.name');
});

/** The current UI language. */
export function currentLanguage(): Locale {
  return i18n.language === 'en' ? 'en' : 'zh-TW';
}

/** Whether the user picked a language on this browser (rather than the default). */
export function hasLocalLanguageChoice(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}

/**
 * Switches the UI language. `remember` (the default) keeps the choice on this browser;
 * a language taken from the user's profile is not remembered locally.
 */
export async function switchLanguage(locale: Locale, options: { remember?: boolean } = {}): Promise<void> {
  if (options.remember ?? true) {
    try {
      window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }
  applyLanguage(locale);
  await i18n.changeLanguage(locale);
}

export { i18n };
