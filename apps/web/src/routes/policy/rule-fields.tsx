import { Form, Input, InputNumber, Space, Typography, type FormRule } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ruleValueSchema,
  type DurationSpec,
  type IntegerSpec,
  type PolicyRuleDescriptor,
  type PolicySection,
  type RecurrenceSpec,
} from '@custodian/shared';
import { formatDuration, isEmptyRuleInput, ruleLabel, type Translate } from './rule-values.js';

type ScalarSpec = IntegerSpec | DurationSpec | RecurrenceSpec;

/** What a field says when its value does not pass its rule's schema. */
function invalidMessage(t: Translate, spec: ScalarSpec): string {
  switch (spec.kind) {
    case 'integer':
      return t('policy.publish.integerRange', { min: spec.min, max: spec.max });
    case 'duration':
      return t('policy.publish.durationInvalid', {
        min: formatDuration(t, spec.min),
        max: formatDuration(t, spec.max),
      });
    case 'recurrence':
      return t('policy.publish.recurrenceInvalid', { frequencies: spec.frequencies.join(', ') });
  }
}

/**
 * The check of one input: the rule's own schema from the shared descriptors, so the form
 * holds no copy of any bound. An empty input means "not in force", allowed for rules that
 * version 1 did not hold (and for table cells, whose completeness the whole form checks).
 */
function inputRules(t: Translate, spec: ScalarSpec, isRequired: boolean): FormRule[] {
  return [
    {
      required: isRequired,
      validator: async (_rule, value: unknown) => {
        if (isEmptyRuleInput(value)) {
          if (isRequired) {
            throw new Error(t('policy.publish.valueRequired'));
          }
          return;
        }
        const input = typeof value === 'string' ? value.trim() : value;
        if (!ruleValueSchema(spec).safeParse(input).success) {
          throw new Error(invalidMessage(t, spec));
        }
      },
    },
  ];
}

function help(t: Translate, spec: ScalarSpec): string | undefined {
  switch (spec.kind) {
    case 'integer':
      return undefined;
    case 'duration':
      return t('policy.publish.durationHelp', { min: formatDuration(t, spec.min), max: formatDuration(t, spec.max) });
    case 'recurrence':
      return t('policy.publish.recurrenceHelp');
  }
}

/** The input for one value: a number in its unit, or a text for a duration or an RRULE. */
function ScalarInput(props: { spec: ScalarSpec; id?: string; value?: unknown; onChange?: (value: unknown) => void }) {
  const { spec, id, value, onChange } = props;
  const { t } = useTranslation();
  const text = typeof value === 'string' ? value : '';
  switch (spec.kind) {
    case 'integer':
      return (
        <InputNumber
          id={id}
          value={typeof value === 'number' ? value : null}
          onChange={onChange}
          min={spec.min}
          max={spec.max}
          precision={0}
          suffix={t(`policy.units.${spec.unit}`)}
          style={{ width: 200 }}
        />
      );
    case 'duration':
      return <Input id={id} value={text} onChange={onChange} placeholder="P30D" style={{ width: 200 }} />;
    case 'recurrence':
      return (
        <Input id={id} value={text} onChange={onChange} placeholder="FREQ=MONTHLY;INTERVAL=6" style={{ width: 320 }} />
      );
  }
}

/**
 * The obligation rules as JSON text (a structured editor is still to come). The value is
 * the parsed list, or the text itself while it is not JSON, which the schema then refuses.
 */
function ObligationRulesInput({
  value,
  onChange,
  ...field
}: {
  value?: unknown;
  onChange?: (value: unknown) => void;
  /** From Form.Item: the id its label points at, and the ids of its help texts. */
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}) {
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  return (
    <Input.TextArea
      {...field}
      value={text}
      autoSize={{ minRows: 6, maxRows: 30 }}
      style={{ fontFamily: 'monospace' }}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === '') {
          onChange?.(undefined);
          return;
        }
        try {
          onChange?.(JSON.parse(e.target.value) as unknown);
        } catch {
          onChange?.(e.target.value);
        }
      }}
    />
  );
}

/** One rule's field or, for a table, one field per key under the rule's label. */
function RuleField({ rule }: { rule: PolicyRuleDescriptor }) {
  const { t } = useTranslation();
  const name = ['rules', ...rule.path.split('.')];
  const optional = rule.isInVersion1 ? undefined : t('policy.publish.optionalHelp');
  if (rule.kind === 'clauses') {
    // The clause checklist has its own editor on the page.
    return null;
  }
  if (rule.kind === 'obligations') {
    return (
      <Form.Item
        name={name}
        label={ruleLabel(t, rule)}
        extra={[t('policy.publish.obligationsHelp'), optional].filter(Boolean).join(' ')}
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              if (value === undefined || value === null) {
                return;
              }
              const parsed = ruleValueSchema(rule).safeParse(value);
              if (!parsed.success) {
                throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
              }
            },
          },
        ]}
      >
        <ObligationRulesInput />
      </Form.Item>
    );
  }
  if (rule.kind === 'table') {
    return (
      <Form.Item label={ruleLabel(t, rule)} extra={[help(t, rule.cell), optional].filter(Boolean).join(' ')}>
        <Space wrap size={16} align="start">
          {rule.keys.map((key) => (
            <Form.Item
              key={key}
              name={[...name, key]}
              label={t(`${rule.keyLabelKey}.${key}`)}
              rules={inputRules(t, rule.cell, false)}
              style={{ marginBottom: 0 }}
            >
              <ScalarInput spec={rule.cell} />
            </Form.Item>
          ))}
        </Space>
      </Form.Item>
    );
  }
  return (
    <Form.Item
      name={name}
      label={ruleLabel(t, rule)}
      extra={[help(t, rule), optional].filter(Boolean).join(' ') || undefined}
      rules={inputRules(t, rule, rule.isInVersion1)}
    >
      <ScalarInput spec={rule} />
    </Form.Item>
  );
}

/**
 * The publish form's fields for every rule of the sections but the clause checklist,
 * grouped by section and generated from the descriptors: a rule added to a section file
 * appears here with its bounds, unit and label, and nothing in this page changes.
 */
export function RuleFields({ sections }: { sections: readonly PolicySection[] }) {
  const { t } = useTranslation();
  return (
    <>
      {sections
        .filter((section) => section.descriptors.some((rule) => rule.kind !== 'clauses'))
        .map((section) => (
          <section key={section.key}>
            <Typography.Title level={3} style={{ fontSize: 14 }}>
              {t(section.titleKey)}
            </Typography.Title>
            <Space wrap size={24} align="start">
              {section.descriptors.map((rule) => (
                <RuleField key={rule.path} rule={rule} />
              ))}
            </Space>
          </section>
        ))}
    </>
  );
}
