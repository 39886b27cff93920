import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@custodian/shared';
import { http, unwrap } from '../api/client.js';
import { useSession } from '../auth/session-context.js';
import { switchLanguage, currentLanguage } from '../i18n.js';

/** 繁體中文 / English. When signed in, the choice is also saved to the profile. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { session, setSession } = useSession();
  const value: Locale = currentLanguage();

  const onChange = async (locale: Locale) => {
    await switchLanguage(locale);
    if (session?.stage === 'active') {
      try {
        await unwrap(http.PATCH('/api/v1/account', { body: { locale } }));
        setSession({ ...session, user: { ...session.user, locale } });
      } catch {
        // The UI already switched; the profile keeps its old language until next time.
      }
    }
  };

  return (
    <Select<Locale>
      aria-label={t('language.label')}
      value={value}
      onChange={(locale) => void onChange(locale)}
      style={{ width: 120 }}
      options={[
        { value: 'zh-TW', label: t('language.zhTW') },
        { value: 'en', label: t('language.en') },
      ]}
    />
  );
}
