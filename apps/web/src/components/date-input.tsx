import type { ComponentProps } from 'react';
import { type DatePicker } from 'antd';
import generatePicker from 'antd/es/date-picker/generatePicker/index.js';
import dayjsGenerateConfig from '@rc-component/picker/generate/dayjs';
import type { GenerateConfig } from '@rc-component/picker/generate';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { parseDateInput, ROC_YEAR_OFFSET } from '@custodian/shared';
import { useSession } from '../auth/session-context.js';

/**
 * dayjs for antd's pickers, reading every way people type a date (115/03/01, 115-03-01,
 * 民國115年3月1日, 2026-03-01: packages/shared parseDateInput) instead of the one format the
 * picker shows. With `roc`, years are shown in the ROC calendar: the field (115/03/01) and
 * the panel's headers (民國115年, "ROC 115").
 */
function dateConfig(roc: boolean, english: boolean): GenerateConfig<Dayjs> {
  const base = dayjsGenerateConfig;
  return {
    ...base,
    locale: {
      ...base.locale,
      parse: (_locale, text) => {
        const parsed = parseDateInput(text);
        return parsed.ok ? dayjs(parsed.value) : null;
      },
      format: (locale, date, format) => {
        if (!roc || !format.includes('YYYY')) {
          return base.locale.format(locale, date, format);
        }
        const year = date.year() - ROC_YEAR_OFFSET;
        // The panel's year header is YYYY alone (or YYYY年): name the calendar there.
        const isHeader = format === 'YYYY' || format === 'YYYY年';
        const rocYear = isHeader ? (english ? `ROC ${year}` : `民國${year}`) : String(year);
        return base.locale.format(locale, date, format.replaceAll('YYYY', `[${rocYear}]`));
      },
    },
  };
}

const pickers = {
  iso: generatePicker<Dayjs>(dateConfig(false, false)),
  rocZh: generatePicker<Dayjs>(dateConfig(true, false)),
  rocEn: generatePicker<Dayjs>(dateConfig(true, true)),
};

export type DateInputProps = ComponentProps<typeof DatePicker>;

/**
 * The one date field of the app: a DatePicker that accepts ROC and ISO dates as typed and
 * shows ROC years when the user prefers ROC dates (their profile's date format). The value
 * stays a dayjs day, as with antd's own DatePicker.
 */
export function DateInput(props: DateInputProps) {
  const { session } = useSession();
  const { i18n } = useTranslation();
  const roc = (session?.user.dateFormat ?? 'roc') === 'roc';
  const english = i18n.language === 'en';
  const Picker = roc ? (english ? pickers.rocEn : pickers.rocZh) : pickers.iso;
  const format = roc ? 'YYYY/MM/DD' : 'YYYY-MM-DD';
  const placeholder = roc ? (english ? 'e.g. 115/03/01' : '例如 115/03/01') : 'YYYY-MM-DD';
  return <Picker format={format} placeholder={placeholder} {...(props as object)} />;
}
