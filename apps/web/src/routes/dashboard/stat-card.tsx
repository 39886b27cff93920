import type { ReactNode } from 'react';
import { Card, Col, Statistic, theme, type ColProps } from 'antd';
import { Link } from 'react-router-dom';

/** How a number reads: plain, or calling for attention when above zero. */
export type StatTone = 'neutral' | 'warning' | 'danger';

type StatCardProps = {
  title: string;
  value: number;
  icon: ReactNode;
  /** The list the number comes from; the whole card links there. */
  to?: string;
  tone?: StatTone;
  /** Column sizes; four to a row on wide screens by default. */
  col?: Pick<ColProps, 'xs' | 'sm' | 'md' | 'lg' | 'xl'>;
};

const DEFAULT_COL: StatCardProps['col'] = { xs: 24, sm: 12, xl: 6 };

/** One number on the dashboard, optionally a link to the list it counts. */
export function StatCard({ title, value, icon, to, tone = 'neutral', col = DEFAULT_COL }: StatCardProps) {
  const { token } = theme.useToken();
  const color =
    value > 0 && tone === 'danger'
      ? token.colorError
      : value > 0 && tone === 'warning'
        ? token.colorWarning
        : undefined;
  const statistic = (
    <Statistic title={title} value={value} prefix={icon} styles={color ? { content: { color } } : undefined} />
  );
  return (
    <Col {...col}>
      {to ? (
        <Link to={to} style={{ display: 'block', height: '100%' }}>
          <Card hoverable style={{ height: '100%' }}>
            {statistic}
          </Card>
        </Link>
      ) : (
        <Card style={{ height: '100%' }}>{statistic}</Card>
      )}
    </Col>
  );
}
