import { useRef, useState, type KeyboardEvent } from 'react';
import { Form, Input, Tag, type FormItemProps } from 'antd';
import { useTranslation } from 'react-i18next';

/** Typing one of these ends an entry, as Enter does (and pasting "a, b c" adds three). */
const SEPARATORS = /[,;，；\s]+/;

type TagsInputProps = {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  /** Whether typed text may become an entry; text that may not stays in the box. */
  isValid: (text: string) => boolean;
  /** The text typed but not (yet) added, whenever it changes. */
  onDraftChange: (text: string) => void;
  /** Text stayed in the box on leaving it (invalid) or was cleared: the field re-checks itself. */
  onSettle: () => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
};

/**
 * Several short values (IP addresses) typed one after another: Enter, a comma, a space or
 * leaving the box adds what was typed, so nothing typed is lost on Tab. Text that is not
 * a valid entry stays in the box, and the field holding it refuses to save (TagsField).
 * Unlike antd's Select in tags mode there is no drop-down whose Tab would undo the entry.
 */
function TagsInput(props: TagsInputProps) {
  const { id, value = [], onChange, placeholder, isValid, onDraftChange, onSettle } = props;
  const { t } = useTranslation();
  const [draft, setDraftState] = useState('');
  const setDraft = (text: string) => {
    setDraftState(text);
    onDraftChange(text);
  };

  /** Adds the valid parts of `text`; returns what is left (the invalid parts). */
  const commit = (text: string): string => {
    const parts = text.split(SEPARATORS).filter(Boolean);
    const added = parts.filter((part) => isValid(part) && !value.includes(part));
    const left = parts.filter((part) => !isValid(part));
    if (added.length > 0) {
      onChange?.([...value, ...new Set(added)]);
    }
    return left.join(' ');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      // Enter adds the entry; it never submits the form with the text still in the box.
      event.preventDefault();
      const left = commit(draft);
      setDraft(left);
      if (left) {
        onSettle();
      }
    } else if (event.key === 'Backspace' && draft === '' && value.length > 0) {
      onChange?.(value.slice(0, -1));
    }
  };

  const onType = (text: string) => {
    // A separator ends the entries before it; the last part is still being typed.
    if (SEPARATORS.test(text)) {
      const pieces = text.split(SEPARATORS);
      const last = pieces.pop() ?? '';
      const left = commit(pieces.join(' '));
      setDraft(left ? `${left} ${last}` : last);
    } else {
      const wasPending = draft !== '';
      setDraft(text);
      if (wasPending && text === '') {
        onSettle();
      }
    }
  };

  const onBlur = () => {
    const left = commit(draft);
    setDraft(left);
    onSettle();
  };

  return (
    <div className="tags-input">
      {value.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginBottom: 4 }}>
          {value.map((entry) => (
            <Tag
              key={entry}
              closable
              closeIcon={<span aria-label={t('common.removeNamed', { name: entry })}>×</span>}
              onClose={() => onChange?.(value.filter((v) => v !== entry))}
            >
              {entry}
            </Tag>
          ))}
        </div>
      )}
      <Input
        id={id}
        value={draft}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={props['aria-invalid']}
        aria-describedby={props['aria-describedby']}
        onChange={(event) => onType(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
    </div>
  );
}

/**
 * A form field of several values typed as tags. It refuses to save while text is left
 * uncommitted in the box (with a message naming it), and checks each entry and the count.
 */
export function TagsField(props: {
  name: string;
  label: string;
  extra?: FormItemProps['extra'];
  placeholder?: string;
  max: number;
  tooMany: string;
  isValid: (text: string) => boolean;
}) {
  const { name, label, extra, placeholder, max, tooMany, isValid } = props;
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const draft = useRef('');
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[
        {
          validator: async () => {
            const text = draft.current.trim();
            if (text) {
              throw new Error(t('validation.tagsPending', { text }));
            }
          },
        },
        { type: 'array', max, message: tooMany },
      ]}
    >
      <TagsInput
        placeholder={placeholder}
        isValid={isValid}
        onDraftChange={(text) => {
          draft.current = text;
        }}
        onSettle={() => void form.validateFields([name]).catch(() => undefined)}
      />
    </Form.Item>
  );
}
