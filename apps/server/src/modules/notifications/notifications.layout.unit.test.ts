import { describe, expect, it } from 'vitest';
import { html, raw } from './notifications.html.js';
import { absoluteLink, isAppPath, layoutDigest, layoutNotification } from './notifications.layout.js';

describe('notification mail layout', () => {
  it('escapes every substitution unless it is marked raw', () => {
    const name = `<img src=x onerror="alert('1')">&`;
    expect(html`<p>${name}</p>`).toBe('<p>&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;</p>');
    expect(
      html`<ul>
        ${['<a>', raw('<li>ok</li>')]}
      </ul>`,
    ).toMatch(/^<ul>\s*&lt;a&gt;<li>ok<\/li>\s*<\/ul>$/);
    expect(html`${null}${undefined}${3}`).toBe('3');
  });

  it('accepts only in-app paths as links', () => {
    expect(isAppPath('/systems/1?tab=contacts')).toBe(true);
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/a b',
      '/a\nb',
      '',
    ]) {
      expect(isAppPath(bad), bad).toBe(false);
    }
    expect(absoluteLink('https://custodian.example.gov.tw/some/base', '/systems/1')).toBe(
      'https://custodian.example.gov.tw/systems/1',
    );
  });

  it('wraps a notification in the product layout with its link, in both languages', () => {
    const rendered = { subject: '期限 <提醒>', text: '請於期限前確認。', html: html`<p>${'請於期限前確認。'}</p>` };
    const zh = layoutNotification('zh-TW', 'https://c.example', rendered, '/systems/1');
    expect(zh.subject).toBe('期限 <提醒>');
    expect(zh.text).toBe(
      '請於期限前確認。\n\n開啟紀錄：https://c.example/systems/1\n\n--\nCustodian 資安管理平台\n此信由系統自動寄出，請勿直接回覆。變更通知寄送方式（即時、每日或每週摘要）：https://c.example/account',
    );
    expect(zh.html).toContain('<html lang="zh-Hant-TW">');
    expect(zh.html).toContain('<title>期限 &lt;提醒&gt;</title>');
    expect(zh.html).toContain('<h1 style="font-size:20px;margin:0 0 16px">期限 &lt;提醒&gt;</h1>');
    expect(zh.html).toContain('href="https://c.example/systems/1"');
    const en = layoutNotification('en', 'https://c.example', rendered, null);
    expect(en.html).toContain('Custodian Security');
    expect(en.html).not.toContain('Open the record');
  });

  it('lists a digest’s notifications, oldest first, each with its link', () => {
    const items = [
      { subject: 'A <1>', text: 'first', html: '<p>first</p>', link: '/a' },
      { subject: 'B', text: 'second\nline', html: '<p>second</p>', link: null },
    ];
    const digest = layoutDigest('zh-TW', 'https://c.example', 'weekly', items);
    expect(digest.subject).toBe('Custodian 資安管理平台：每週通知摘要（2 則）');
    expect(digest.text).toContain('1. A <1>\n   first\n   https://c.example/a\n\n2. B\n   second\n   line');
    expect(digest.html).toContain('<a href="https://c.example/a">A &lt;1&gt;</a>');
    expect(digest.html.indexOf('A &lt;1&gt;')).toBeLessThan(digest.html.indexOf('>B<'));
    expect(layoutDigest('en', 'https://c.example', 'daily', items.slice(0, 1)).subject).toBe(
      'Custodian Security: daily digest (1 notification)',
    );
  });
});
