import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useErrorText } from '../../lib/errors.js';

/** Marking one or all of the caller's notifications read; refreshes the bell and the lists. */
export function useNotificationActions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });

  const markRead = async (id: string) => {
    try {
      await unwrap(http.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
      await refresh();
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  const markAllRead = async () => {
    try {
      const { updated } = await unwrap(http.POST('/api/v1/notifications/read-all'));
      void message.success(t('notifications.markedAllRead', { count: updated }));
      await refresh();
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  return { markRead, markAllRead };
}
