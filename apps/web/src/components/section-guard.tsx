import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/session-context.js';
import { canSee, type Section } from '../lib/permissions.js';

/** Shows a 403 page instead of a section the role may not use. */
export function SectionGuard({ section, element }: { section: Section; element: ReactNode }) {
  const user = useCurrentUser();
  const { t } = useTranslation();
  if (!canSee(user.role, section)) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenText')} />;
  }
  return element;
}
