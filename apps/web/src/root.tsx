import { useState } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhTWLocale from 'antd/locale/zh_TW';
import enUSLocale from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/client.js';
import { formValidateMessages } from './lib/rules.js';
import { SessionProvider } from './auth/session-provider.js';
import { AppRoutes } from './routes/app-routes.js';
import { APP_THEME } from './theme.js';

/**
 * antd's zh-TW texts with Taiwan usage where they differ: rows are 筆, not 條 (the page-size
 * options themselves read 「每頁 20 筆」 through the tables' buildOptionText).
 */
const zhTWAntd = {
  ...zhTWLocale,
  Pagination: { ...zhTWLocale.Pagination, items_per_page: '筆/頁' },
};

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Client errors (403, 404, 401) will not change on retry.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Providers: antd (locale, CSP nonce for its style elements), react-query, router, session. */
export function Root({ nonce }: { nonce: string | undefined }) {
  const { i18n } = useTranslation();
  const [queryClient] = useState(createQueryClient);
  const isEnglish = i18n.language === 'en';
  return (
    <ConfigProvider
      locale={isEnglish ? enUSLocale : zhTWAntd}
      form={{ validateMessages: formValidateMessages(isEnglish ? 'en' : 'zh-TW') }}
      csp={nonce ? { nonce } : undefined}
      theme={APP_THEME}
      button={{ autoInsertSpace: false }}
    >
      <AntApp className="app-root">
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <AppRoutes />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
