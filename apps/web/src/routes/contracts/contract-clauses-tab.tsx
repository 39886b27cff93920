import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Input, Radio, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.js';
import {
  CLAUSE_STATUSES,
  type ClauseStatus,
  type ContractClause,
  type ContractDetail,
  type Locale,
  regulationItemLabel,
} from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useErrorText } from '../../lib/errors.js';
import { ComplianceTag } from './compliance-tag.js';
import { useStoreContract } from './use-contract.js';

type Draft = { status: ClauseStatus | null; articleRef: string; note: string };
const STATUS_COLORS: Record<ClauseStatus, string> = { present: 'green', absent: 'red', not_applicable: 'default' };

const draftOf = (c: ContractClause): Draft => ({
  status: c.status,
  articleRef: c.articleRef ?? '',
  note: c.note ?? '',
});
const isChanged = (c: ContractClause, d: Draft) =>
  d.status !== c.status || d.articleRef.trim() !== (c.articleRef ?? '') || d.note.trim() !== (c.note ?? '');

/**
 * 資安條款: the checklist of the contract's policy version (items 七, 九, 十二, 十三, 四十二).
 * Marks are edited in place and saved together; the verdict and the list of missing
 * clauses always show what the server stored.
 */
export function ContractClausesTab({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const store = useStoreContract();
  const lang: Locale = currentLanguage();
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(contract.clauses.map((c) => [c.code, draftOf(c)])),
  );
  const missing = contract.clauses.filter((c) => c.isMissing);
  const changed = useMemo(
    () => contract.clauses.filter((c) => drafts[c.code] && isChanged(c, drafts[c.code] ?? draftOf(c))),
    [contract.clauses, drafts],
  );
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        http.PUT('/api/v1/contracts/{id}/clauses', {
          params: { path: { id: contract.id } },
          body: {
            items: changed.flatMap((c) => {
              const d = drafts[c.code];
              return d?.status
                ? [
                    {
                      code: c.code,
                      status: d.status,
                      articleRef: d.articleRef.trim() || null,
                      note: d.note.trim() || null,
                    },
                  ]
                : [];
            }),
          },
        }),
      ),
    onSuccess: (saved) => {
      store(saved);
      void message.success(t('contracts.clauses.saved'));
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const setDraft = (code: string, patch: Partial<Draft>) =>
    setDrafts((prev) => {
      const base = prev[code] ?? { status: null, articleRef: '', note: '' };
      return { ...prev, [code]: { ...base, ...patch } };
    });
  const canSave = changed.length > 0 && changed.every((c) => drafts[c.code]?.status);

  const columns: TableColumnsType<ContractClause> = [
    {
      title: t('contracts.clauses.item'),
      dataIndex: 'item',
      width: 100,
      render: (item: string) => regulationItemLabel(item, lang),
    },
    {
      title: t('contracts.clauses.clause'),
      dataIndex: 'title',
      render: (_, c) => (
        <>
          <Typography.Text strong>{c.title[lang]}</Typography.Text>
          {!c.required && <Tag style={{ marginInlineStart: 8 }}>{t('contracts.clauses.optional')}</Tag>}
          <div>
            <Typography.Text type="secondary">{c.description[lang]}</Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('contracts.clauses.status'),
      key: 'status',
      width: 300,
      render: (_, c) => {
        const draft = drafts[c.code] ?? draftOf(c);
        if (!contract.can.edit) {
          return c.status ? (
            <Tag color={STATUS_COLORS[c.status]}>{t(`contracts.clauseStatus.${c.status}`)}</Tag>
          ) : (
            <Tag>{t('contracts.clauses.unmarked')}</Tag>
          );
        }
        return (
          <Radio.Group
            aria-label={t('contracts.clauses.statusOf', { title: c.title[lang] })}
            value={draft.status}
            onChange={(e) => setDraft(c.code, { status: e.target.value as ClauseStatus })}
            options={CLAUSE_STATUSES.map((s) => ({
              value: s,
              label: t(`contracts.clauseStatus.${s}`),
              disabled: s === 'not_applicable' && !c.allowNotApplicable,
            }))}
          />
        );
      },
    },
    {
      title: t('contracts.clauses.articleRef'),
      key: 'articleRef',
      width: 240,
      render: (_, c) => {
        if (!contract.can.edit) {
          return (
            <>
              <div>{c.articleRef ?? '—'}</div>
              {c.note && <Typography.Text type="secondary">{c.note}</Typography.Text>}
            </>
          );
        }
        const draft = drafts[c.code] ?? draftOf(c);
        return (
          <Flex vertical gap={6}>
            <Input
              aria-label={t('contracts.clauses.articleRefOf', { title: c.title[lang] })}
              placeholder={t('contracts.clauses.articleRefPlaceholder')}
              maxLength={200}
              value={draft.articleRef}
              onChange={(e) => setDraft(c.code, { articleRef: e.target.value })}
            />
            <Input
              size="small"
              aria-label={t('contracts.clauses.noteOf', { title: c.title[lang] })}
              placeholder={t('contracts.clauses.notePlaceholder')}
              maxLength={1000}
              value={draft.note}
              onChange={(e) => setDraft(c.code, { note: e.target.value })}
            />
          </Flex>
        );
      },
    },
    {
      title: t('contracts.clauses.verdict'),
      key: 'verdict',
      width: 110,
      render: (_, c) =>
        c.isMissing ? (
          <Tag color="red">{t('contracts.clauses.missingTag')}</Tag>
        ) : (
          <Tag color="green">{t('contracts.clauses.okTag')}</Tag>
        ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex align="center" gap={8} wrap>
          <ComplianceTag status={contract.complianceStatus} missingCount={missing.length} />
          <Typography.Text type="secondary">
            {t('contracts.clauses.judgedBy', { version: contract.policyVersion })}
          </Typography.Text>
        </Flex>
        {contract.can.edit && (
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={!canSave}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {changed.length > 0 ? t('contracts.clauses.saveCount', { count: changed.length }) : t('common.save')}
          </Button>
        )}
      </Flex>
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('contracts.clauses.missingTitle', { count: missing.length })}
          description={
            <ul data-testid="missing-clauses" style={{ margin: 0, paddingInlineStart: 20 }}>
              {missing.map((c) => (
                <li key={c.code}>
                  {regulationItemLabel(c.item, lang)} {c.title[lang]}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('contracts.clauses.allPresent')} />
      )}
      <Table<ContractClause>
        rowKey="code"
        columns={columns}
        dataSource={contract.clauses}
        pagination={false}
        size="middle"
        scroll={{ x: 1100 }}
      />
    </>
  );
}
