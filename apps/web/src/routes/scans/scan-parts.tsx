import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  FINDING_SEVERITIES,
  type CountsBySeverity,
  type FindingSeverity,
  type FindingState,
  type ScanSummary,
} from '@custodian/shared';

const SEVERITY_COLOURS: Record<FindingSeverity, string> = {
  critical: 'magenta',
  high: 'red',
  medium: 'orange',
  low: 'gold',
  info: 'default',
};

const STATE_COLOURS: Record<FindingState, string> = {
  open: 'red',
  fixed: 'blue',
  verified_fixed: 'green',
  false_positive: 'default',
  risk_accepted: 'purple',
};

/** A finding's severity, coloured from Critical (magenta) to Info (grey). */
export function SeverityTag({ severity }: { severity: FindingSeverity }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_COLOURS[severity]}>{t(`scans.severities.${severity}`)}</Tag>;
}

/** Where a finding is in its lifecycle. */
export function FindingStateTag({ state }: { state: FindingState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOURS[state]}>{t(`findings.states.${state}`)}</Tag>;
}

/** 1.5 MB, 820 KB: a file size for people. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }
  if (bytes >= 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${bytes} B`;
}

const SUMMARY_ROWS = ['new', 'stillOpen', 'fixed', 'reopened', 'verifiedFixed', 'suppressed'] as const;
type SummaryRow = { key: (typeof SUMMARY_ROWS)[number]; counts: CountsBySeverity; total: number };

/** What an import found: new, still open, fixed, reopened… by severity. */
export function ScanSummaryTable({ summary }: { summary: ScanSummary }) {
  const { t } = useTranslation();
  const rows: SummaryRow[] = SUMMARY_ROWS.map((key) => ({
    key,
    counts: summary[key],
    total: FINDING_SEVERITIES.reduce((sum, s) => sum + summary[key][s], 0),
  }));
  const columns: TableColumnsType<SummaryRow> = [
    { title: t('findings.summary.class'), key: 'class', render: (_, r) => t(`findings.summary.classes.${r.key}`) },
    ...FINDING_SEVERITIES.map((severity) => ({
      title: t(`scans.severities.${severity}`),
      key: severity,
      align: 'right' as const,
      render: (_: unknown, r: SummaryRow) => r.counts[severity],
    })),
    { title: t('findings.summary.total'), key: 'total', align: 'right', render: (_, r) => <strong>{r.total}</strong> },
  ];
  return (
    <Table<SummaryRow>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      aria-label={t('findings.summary.title')}
    />
  );
}
