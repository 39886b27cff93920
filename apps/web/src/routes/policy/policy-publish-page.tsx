import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  diffPolicyRules,
  isSameClause,
  policyDescriptorsOf,
  POLICY_SECTIONS,
  PolicyRulesSchema,
  readRuleValue,
  regulationItemLabel,
  SUGGESTED_OBLIGATION_RULES,
  type ClauseRule,
  type PolicyRules,
  type PolicyVersionDetail,
} from '@custodian/shared';
import { http, unwrap, ApiError } from '../../api/client.js';

import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { ChangeSummary } from './change-summary.js';
import { ClauseFormModal } from './clause-form-modal.js';
import { ClauseTable } from './rule-set-view.js';
import { RuleFields } from './rule-fields.js';
import { assembleRules } from './rule-values.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { now } from '../../lib/clock.js';
import { DateInput } from '../../components/date-input.js';

type Draft = { clause: ClauseRule; isNew: boolean; isRemoved: boolean };
type Values = {
  /** The rules' inputs, under their paths: `rules.allocations.maxYears`. */
  rules: Record<string, unknown>;
  effectiveFrom: Dayjs;
  notes: string;
};
type Editing = { index: number } | { index: null } | null;

const RULES = policyDescriptorsOf(POLICY_SECTIONS);
/** The clause checklist the clause editor edits (the registry holds at most one). */
const CHECKLIST = RULES.find((rule) => rule.kind === 'clauses');

/** Where a server field path points, in words: "條款 item9_sbom · code", a rule's label. */
function useFieldLabel(submitted: ClauseRule[] | null) {
  const { t, i18n } = useTranslation();
  return (path: string) => {
    const clause = CHECKLIST && new RegExp(`^rules\\.${CHECKLIST.path}\\.(\\d+)(?:\\.(.+))?$`).exec(path);
    if (clause) {
      const code = submitted?.[Number(clause[1])]?.code ?? clause[1];
      return `${t('policy.publish.clauseField', { code })}${clause[2] ? ` · ${clause[2]}` : ''}`;
    }
    const rule = [...RULES]
      .sort((a, b) => b.path.length - a.path.length)
      .find((r) => path === `rules.${r.path}` || path.startsWith(`rules.${r.path}.`));
    if (rule) {
      const rest = path.slice(`rules.${rule.path}`.length + 1);
      const key = rule.kind === 'table' && rest ? ` · ${t(`${rule.keyLabelKey}.${rest}`)}` : '';
      return `${t('policy.ruleLabel', { label: t(rule.labelKey), item: regulationItemLabel(rule.item, i18n.language) })}${key}`;
    }
    return path === 'notes' ? t('policy.notes') : path === 'effectiveFrom' ? t('policy.effectiveFrom') : path;
  };
}

/** The publication form, prefilled from the latest version's rules. */
function PublishForm({ base }: { base: PolicyVersionDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const [form] = Form.useForm<Values>();
  const baseClauses = useMemo(
    () => (CHECKLIST ? ((readRuleValue(base.rules, CHECKLIST.path) as ClauseRule[] | undefined) ?? []) : []),
    [base],
  );
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    baseClauses.map((clause) => ({ clause, isNew: false, isRemoved: false })),
  );
  const [editing, setEditing] = useState<Editing>(null);
  const [pending, setPending] = useState<{ rules: PolicyRules; values: Values } | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const [serverError, setServerError] = useState<{ error: unknown; clauses: ClauseRule[] } | null>(null);
  const fieldLabel = useFieldLabel(serverError?.clauses ?? null);
  const effectiveFrom = Form.useWatch('effectiveFrom', form);
  const minDate = dayjs(base.effectiveFrom);
  const baseByCode = useMemo(() => new Map(baseClauses.map((c) => [c.code, c])), [baseClauses]);
  const kept = drafts.filter((d) => !d.isRemoved);

  const isEdited = (clause: ClauseRule) => {
    const original = baseByCode.get(clause.code);
    return original !== undefined && !isSameClause(original, clause);
  };

  const saveClause = (clause: ClauseRule) => {
    setDrafts((prev) =>
      editing?.index === null || editing === null
        ? [...prev, { clause, isNew: true, isRemoved: false }]
        : prev.map((d, i) => (i === editing.index ? { ...d, clause } : d)),
    );
    setEditing(null);
  };

  const toggleRemoved = (code: string) =>
    setDrafts((prev) =>
      prev.flatMap((d) => {
        if (d.clause.code !== code) {
          return [d];
        }
        // A clause added in this draft simply goes; one of the base version can come back.
        return d.isNew ? [] : [{ ...d, isRemoved: !d.isRemoved }];
      }),
    );

  const review = (values: Values) => {
    setServerError(null);
    if (CHECKLIST && kept.length === 0) {
      void message.error(t('policy.publish.noClauses'));
      return;
    }
    const assembled = assembleRules(
      values.rules,
      kept.map((d) => d.clause),
      POLICY_SECTIONS,
    );
    // The same schema the server applies; the fields' own checks catch nearly everything,
    // this catches what spans fields (a table left half empty, a section's own check).
    const parsed = PolicyRulesSchema.safeParse(assembled);
    if (!parsed.success) {
      void message.error(t('policy.publish.invalid'));
      form.setFields(
        parsed.error.issues.map((issue) => {
          const path = issue.path.map(String);
          const value = readRuleValue(assembled, path.join('.'));
          return {
            name: ['rules', ...path],
            errors: [t(value === undefined ? 'policy.publish.tableIncomplete' : 'policy.publish.valueInvalid')],
          };
        }),
      );
      return;
    }
    setPending({ values, rules: parsed.data });
  };

  const publish = async () => {
    if (!pending) {
      return;
    }
    setSubmitting(true);
    try {
      const created = await unwrap(
        http.POST('/api/v1/policy/versions', {
          body: {
            effectiveFrom: pending.values.effectiveFrom.format('YYYY-MM-DD'),
            notes: pending.values.notes.trim(),
            rules: pending.rules,
          },
        }),
      );
      void message.success(t('policy.publish.published', { version: created.version }));
      await queryClient.invalidateQueries({ queryKey: queryKeys.policy.current });
      await queryClient.invalidateQueries({ queryKey: listKey(queryKeys.policy.versions) });
      void navigate('/policy');
    } catch (error) {
      setServerError({ error, clauses: kept.map((d) => d.clause) });
      if (error instanceof ApiError && error.code === 'POLICY_EFFECTIVE_DATE_INVALID') {
        form.setFields([{ name: 'effectiveFrom', errors: [errorText(error)] }]);
      }
      setPending(null);
    } finally {
      setSubmitting(false);
    }
  };

  const allClauses = new Map([...baseByCode, ...drafts.map((d) => [d.clause.code, d.clause] as const)]);
  const editingDraft = editing && editing.index !== null ? drafts[editing.index] : undefined;

  return (
    <>
      <Alert
        type="info"
        showIcon
        title={t('policy.publish.basedOn', { version: base.version, date: formatDate(base.effectiveFrom, false) })}
        style={{ marginBottom: 16 }}
      />
      {serverError !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(serverError.error)}
          description={
            serverError.error instanceof ApiError && serverError.error.fields.length > 0 ? (
              <>
                {t('policy.publish.serverFields')}
                <ul>
                  {serverError.error.fields.map((f) => (
                    <li key={`${f.path}-${f.message}`}>
                      {fieldLabel(f.path)}: {f.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={review}
        initialValues={{
          // While no version holds obligation rules, the form offers the suggested ones (issue 13).
          rules: { ...base.rules, obligations: base.rules.obligations ?? SUGGESTED_OBLIGATION_RULES },
          effectiveFrom: dayjs(now()).isBefore(minDate, 'day') ? minDate : dayjs(now()).startOf('day'),
          notes: '',
        }}
      >
        <Card title={t('policy.values')} style={{ marginBottom: 16 }}>
          <RuleFields sections={POLICY_SECTIONS} />
        </Card>
        <Card
          title={`${t('policy.clauses')} · ${t('policy.clauseCount', { count: kept.length })}`}
          extra={
            <Button icon={<PlusOutlined />} onClick={() => setEditing({ index: null })}>
              {t('policy.publish.addClause')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        >
          <ClauseTable
            clauses={drafts.map((d) => d.clause)}
            rowTag={(clause) => {
              const draft = drafts.find((d) => d.clause.code === clause.code);
              if (draft?.isRemoved) {
                return <Tag color="red">{t('policy.publish.tagRemoved')}</Tag>;
              }
              if (draft?.isNew) {
                return <Tag color="green">{t('policy.publish.tagNew')}</Tag>;
              }
              return isEdited(clause) ? <Tag color="gold">{t('policy.publish.tagEdited')}</Tag> : null;
            }}
            extraColumns={[
              {
                title: t('common.actions'),
                key: 'actions',
                width: 200,
                fixed: 'right',
                render: (_, clause) => {
                  const index = drafts.findIndex((d) => d.clause.code === clause.code);
                  const draft = drafts[index];
                  return draft?.isRemoved ? (
                    <Button
                      size="small"
                      icon={<UndoOutlined />}
                      onClick={() => toggleRemoved(clause.code)}
                      aria-label={t('policy.publish.restoreNamed', { code: clause.code })}
                    >
                      {t('policy.publish.restoreClause')}
                    </Button>
                  ) : (
                    <Space>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing({ index })}
                        aria-label={t('policy.publish.editNamed', { code: clause.code })}
                      >
                        {t('common.edit')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => toggleRemoved(clause.code)}
                        aria-label={t('policy.publish.removeNamed', { code: clause.code })}
                      >
                        {t('policy.publish.removeClause')}
                      </Button>
                    </Space>
                  );
                },
              },
            ]}
          />
        </Card>
        <Card title={t('policy.publish.schedule')}>
          <Form.Item
            name="effectiveFrom"
            label={t('policy.effectiveFrom')}
            extra={
              <>
                {t('policy.publish.effectiveHelp', { date: formatDate(base.effectiveFrom, false) })}
                {effectiveFrom && (
                  <div>
                    {t('policy.publish.rocDate', { date: formatDate(effectiveFrom.format('YYYY-MM-DD'), false) })}
                  </div>
                )}
              </>
            }
            rules={[{ required: true, message: t('policy.publish.effectiveRequired') }]}
          >
            <DateInput disabledDate={(d) => d.isBefore(minDate, 'day')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="notes"
            label={t('policy.notes')}
            extra={t('policy.publish.notesHelp')}
            rules={[{ required: true, whitespace: true, max: 2000, message: t('policy.publish.notesRequired') }]}
          >
            <Input maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('policy.publish.submit')}
          </Button>
        </Card>
      </Form>
      {editing && (
        <ClauseFormModal
          clause={editingDraft?.clause}
          isCodeFixed={editingDraft !== undefined && !editingDraft.isNew}
          takenCodes={drafts.filter((d) => d !== editingDraft).map((d) => d.clause.code)}
          onSave={saveClause}
          onClose={() => setEditing(null)}
        />
      )}
      <Modal
        open={pending !== null}
        title={t('policy.publish.confirmTitle', { version: base.version + 1 })}
        okText={t('policy.publish.confirmOk')}
        cancelText={t('common.cancel')}
        onOk={() => void publish()}
        onCancel={() => setPending(null)}
        okButtonProps={{ loading: isSubmitting }}
        destroyOnHidden
      >
        {pending && (
          <>
            <Typography.Paragraph strong>
              {t('policy.publish.confirmEffective', {
                date: formatDate(pending.values.effectiveFrom.format('YYYY-MM-DD'), false),
              })}
            </Typography.Paragraph>
            {pending.values.effectiveFrom.isAfter(dayjs(now()), 'day') && (
              <Typography.Paragraph type="secondary">{t('policy.publish.confirmFuture')}</Typography.Paragraph>
            )}
            <ChangeSummary
              diff={diffPolicyRules(base.rules, pending.rules)}
              baseVersion={base.version}
              clauses={allClauses}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {t('policy.publish.irreversible')}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </>
  );
}

/** /policy/publish: loads the latest version, then shows the form. */
export function PolicyPublishPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const latest = useQuery({
    queryKey: queryKeys.policy.latest,
    queryFn: () => unwrap(http.GET('/api/v1/policy/versions', { params: { query: { pageSize: 1 } } })),
    // Always the latest from the server: the form is seeded once, never from a stale cache.
    gcTime: 0,
  });
  const base = latest.data?.items[0];
  return (
    <>
      <Link to="/policy">
        <ArrowLeftOutlined /> {t('policy.back')}
      </Link>
      <PageTitle title={t('policy.publish.title')} />
      {latest.isPending && <Skeleton active />}
      {latest.isError && <Alert type="error" showIcon title={errorText(latest.error)} />}
      {base && <PublishForm key={base.id} base={base} />}
    </>
  );
}
