import type { ReactNode } from 'react';
import { Descriptions, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, MinusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  POLICY_NUMBER_PATHS,
  policyNumber,
  type ClauseRule,
  type LocalisedText,
  type PolicyNumberPath,
  type PolicyRules,
} from '@custodian/shared';

/** The unit each number of the rule set is counted in. */
export const NUMBER_UNITS: Record<PolicyNumberPath, 'years' | 'months' | 'days'> = {
  'allocations.maxYears': 'years',
  'contacts.reconfirmIntervalMonths': 'months',
  'vendorQualifications.expiryWarningDays': 'days',
};

/** Picks the text of the UI language from a bilingual rule text. */
export function useLocalised(): (text: LocalisedText) => string {
  const { i18n } = useTranslation();
  return (text) => (i18n.language === 'en' ? text.en : text['zh-TW']);
}

/** A yes/no cell that does not rely on colour alone. */
export function YesNo({ value }: { value: boolean }) {
  const { t } = useTranslation();
  return value ? (
    <Tag color="blue" icon={<CheckOutlined />}>
      {t('policy.yes')}
    </Tag>
  ) : (
    <Tag icon={<MinusOutlined />}>{t('policy.no')}</Tag>
  );
}

/** The numbers of a rule set (allocation period, contact interval, certificate warning). */
export function PolicyNumbers({ rules }: { rules: PolicyRules }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={POLICY_NUMBER_PATHS.map((path) => ({
        key: path,
        label: t(`policy.numberLabels.${path}`),
        children: t(`policy.${NUMBER_UNITS[path]}`, { count: policyNumber(rules, path) }),
      }))}
    />
  );
}

/** The clause checklist of a rule set, with optional extra columns (tags, actions). */
export function ClauseTable(props: {
  clauses: ClauseRule[];
  extraColumns?: TableColumnsType<ClauseRule>;
  rowTag?: (clause: ClauseRule) => ReactNode;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ClauseRule> = [
    { title: t('policy.clauseItem'), dataIndex: 'item', width: 100 },
    {
      title: t('policy.clauseTitle'),
      key: 'title',
      render: (_, clause) => (
        <>
          <Typography.Text strong lang="zh-TW">
            {clause.title['zh-TW']}
          </Typography.Text>{' '}
          {props.rowTag?.(clause)}
          <div>
            <Typography.Text type="secondary" lang="en">
              {clause.title.en}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('policy.clauseCode'),
      dataIndex: 'code',
      width: 170,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t('policy.required'),
      dataIndex: 'required',
      width: 90,
      render: (value: boolean) => <YesNo value={value} />,
    },
    {
      title: t('policy.allowNa'),
      dataIndex: 'allowNotApplicable',
      width: 130,
      render: (value: boolean) => <YesNo value={value} />,
    },
    ...(props.extraColumns ?? []),
  ];
  return (
    <Table<ClauseRule>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={props.clauses}
      pagination={false}
      expandable={{
        expandedRowRender: (clause) => (
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'zh',
                label: t('policy.publish.descriptionZh'),
                children: <span lang="zh-TW">{clause.description['zh-TW']}</span>,
              },
              {
                key: 'en',
                label: t('policy.publish.descriptionEn'),
                children: <span lang="en">{clause.description.en}</span>,
              },
            ]}
          />
        ),
      }}
      scroll={{ x: 860 }}
    />
  );
}

/** A whole rule set, read-only. */
export function RuleSetView({ rules }: { rules: PolicyRules }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('policy.numbers')}
      </Typography.Title>
      <PolicyNumbers rules={rules} />
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 24 }}>
        {t('policy.clauses')}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
          {t('policy.clauseCount', { count: rules.contractClauses.length })}
        </Typography.Text>
      </Typography.Title>
      <ClauseTable clauses={rules.contractClauses} />
    </>
  );
}
