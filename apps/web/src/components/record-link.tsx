import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ERROR_MESSAGES, type RecordAccess } from '@custodian/shared';
import { currentLanguage } from '../i18n.js';

/** The localised reason a record is refused: its route's error message, by code (ADR 0028). */
export function accessReasonText(reason: RecordAccess['reason']): string {
  if (!reason) {
    return '';
  }
  const known = ERROR_MESSAGES[reason.code as keyof typeof ERROR_MESSAGES] as
    { 'zh-TW': string; en: string } | undefined;
  return known ? known[currentLanguage()] : reason.code;
}

type Props = {
  to: string;
  /** The row's `access` from the list (item 六's confidentiality commitment among its conditions). */
  access: RecordAccess;
  children: ReactNode;
  'aria-label'?: string;
};

/**
 * A list row's link to its record; when the caller may not open it, the name without a link
 * and, under it, why (instead of a link that would only be refused).
 */
export function RecordLink({ to, access, children, 'aria-label': ariaLabel }: Props) {
  if (access.open) {
    return (
      <Link to={to} aria-label={ariaLabel}>
        {children}
      </Link>
    );
  }
  return (
    <>
      <span>{children}</span>
      <div>
        <Typography.Text type="warning" data-testid="record-access-reason">
          <LockOutlined aria-hidden /> {accessReasonText(access.reason)}
        </Typography.Text>
      </div>
    </>
  );
}
