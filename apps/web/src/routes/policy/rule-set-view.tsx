import type { ReactNode } from 'react';
import { Descriptions, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, MinusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  POLICY_SECTIONS,
  readRuleValue,
  type ClauseRule,
  type LocalisedText,
  type PolicyRules,
  type PolicySection,
} from '@custodian/shared';
import { describeRules } from './rule-values.js';

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

/**
 * The rules of a version other than clause checklists, one row each in section order: the
 * value in its unit, a table's cells, or 該日期未施行 where the version does not hold the rule.
 */
export function PolicyRuleValues({
  rules,
  sections = POLICY_SECTIONS,
}: {
  rules: object;
  sections?: readonly PolicySection[];
}) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={describeRules(t, rules, sections).map((row) => ({
        key: row.path,
        label: row.label,
        children: row.cells ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {row.cells.map((cell) => (
              <li key={cell.key}>
                {cell.label}：{cell.value}
              </li>
            ))}
          </ul>
        ) : row.isInForce ? (
          row.value
        ) : (
          <Typography.Text type="secondary">{row.value}</Typography.Text>
        ),
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

/** A whole rule set, read-only: the values, then each clause checklist. */
export function RuleSetView({ rules }: { rules: PolicyRules }) {
  const { t } = useTranslation();
  const checklists = POLICY_SECTIONS.flatMap((section) =>
    section.descriptors.filter((rule) => rule.kind === 'clauses').map((rule) => ({ section, rule })),
  );
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('policy.values')}
      </Typography.Title>
      <PolicyRuleValues rules={rules} />
      {checklists.map(({ section, rule }) => {
        const clauses = readRuleValue(rules, rule.path);
        return (
          <section key={rule.path}>
            <Typography.Title level={3} style={{ fontSize: 15, marginTop: 24 }}>
              {t(section.titleKey)}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
                {Array.isArray(clauses) ? t('policy.clauseCount', { count: clauses.length }) : t('policy.notInForce')}
              </Typography.Text>
            </Typography.Title>
            {Array.isArray(clauses) && <ClauseTable clauses={clauses as ClauseRule[]} />}
          </section>
        );
      })}
    </>
  );
}
