import { describe, expect, it } from 'vitest';
import { obligationNotificationTemplates } from './obligations.templates.js';

const params = {
  title: '年度聯絡人確認',
  item: '十二(一)',
  org: '國立測試大學',
  dueOn: '2027-03-17',
  dueOnRoc: '民國116年3月17日',
  days: 3,
  level: 'owner',
};

describe('obligation mail templates', () => {
  it('write the item and the ROC date in English for English readers', () => {
    for (const [kind, templates] of Object.entries(obligationNotificationTemplates)) {
      const text = templates.en.text(params);
      expect(text, kind).toContain('regulation item 12(1)');
      expect(text, kind).toContain('ROC 116/03/17');
      expect(text, kind).not.toMatch(/民國|十二/);
    }
  });

  it('keep the printed item and 民國 date in Chinese', () => {
    const text = obligationNotificationTemplates['obligation.reminder']?.['zh-TW'].text(params) ?? '';
    expect(text).toContain('規定第十二(一)點');
    expect(text).toContain('民國116年3月17日');
  });
});
