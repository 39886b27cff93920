import type { ReactNode } from 'react';
import { Result, Skeleton, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { useErrorText } from '../lib/errors.js';

type Props = {
  /** The record's query while it has no data: still loading, or failed. */
  query: { isPending: boolean; error: unknown };
  /** The title when the server answers 404 (missing, or outside the caller's scope). */
  notFound: string;
  /** The way back to the list. */
  back: ReactNode;
};

/**
 * What a detail page shows until its record is there: a skeleton while it loads; when it
 * failed, "not found" for a 404 or the error in the UI language, with the way back.
 */
export function RecordFallback({ query, notFound, back }: Props) {
  const errorText = useErrorText();
  const { t } = useTranslation();
  if (query.isPending) {
    return <Skeleton active />;
  }
  const isMissing = query.error instanceof ApiError && query.error.status === 404;
  // Item 六: the way to the commitment that lifts the refusal.
  if (query.error instanceof ApiError && query.error.code === 'COMMITMENT_REQUIRED') {
    const mine = <Link to="/agreements/my">{t('agreements.access.openMine')}</Link>;
    return (
      <Result
        status="403"
        title={errorText(query.error)}
        extra={
          <Space wrap>
            {mine}
            {back}
          </Space>
        }
      />
    );
  }
  return (
    <Result status={isMissing ? '404' : 'error'} title={isMissing ? notFound : errorText(query.error)} extra={back} />
  );
}
