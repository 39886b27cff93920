import type { Locale } from '@custodian/shared';
import { html, raw } from './notifications.html.js';
import type { RenderedNotification } from './notifications.templates.js';

/** The product's name as the web app shows it (locales' `app.name`). */
export const PRODUCT_NAME: Record<Locale, string> = {
  'zh-TW': 'Custodian 資安管理平台',
  en: 'Custodian Security',
};

const STRINGS = {
  'zh-TW': {
    open: '開啟紀錄',
    footer: '此信由系統自動寄出，請勿直接回覆。變更通知寄送方式（即時、每日或每週摘要）：',
    digestSubject: (period: DigestPeriod, count: number) =>
      `${PRODUCT_NAME['zh-TW']}：${period === 'daily' ? '每日' : '每週'}通知摘要（${count} 則）`,
    digestIntro: (period: DigestPeriod, count: number) =>
      `以下是您${period === 'daily' ? '今日' : '本週'}的 ${count} 則通知：`,
  },
  en: {
    open: 'Open the record',
    footer:
      'This message was sent automatically; please do not reply. Change how you receive notifications (immediately, or as a daily or weekly digest): ',
    digestSubject: (period: DigestPeriod, count: number) =>
      `${PRODUCT_NAME.en}: ${period} digest (${count} notification${count === 1 ? '' : 's'})`,
    digestIntro: (period: DigestPeriod, count: number) =>
      `Your ${count} notification${count === 1 ? '' : 's'} of the ${period === 'daily' ? 'day' : 'week'}:`,
  },
} as const;

export type DigestPeriod = 'daily' | 'weekly';

/** Whether `link` is an in-app path: one leading slash, no scheme, no host. */
export function isAppPath(link: string): boolean {
  return /^\/(?![/\\])/.test(link) && ![...link].some((ch) => ch.trim() === '' || ch.charCodeAt(0) < 0x20);
}

/** The absolute address of an in-app path under PUBLIC_URL. */
export function absoluteLink(publicUrl: string, link: string): string {
  return new URL(publicUrl).origin + link;
}

function shell(locale: Locale, publicUrl: string, subject: string, body: string): string {
  const account = absoluteLink(publicUrl, '/account');
  return html`<!doctype html>
    <html lang="${locale === 'zh-TW' ? 'zh-Hant-TW' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>${subject}</title>
      </head>
      <body
        style="margin:0;padding:24px;background:#f5f5f5;font-family:'Noto Sans TC','Microsoft JhengHei',Arial,sans-serif;color:#1f1f1f"
      >
        <div style="max-width:640px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
          <p style="margin:0 0 16px;color:#1677ff;font-weight:bold">${PRODUCT_NAME[locale]}</p>
          <h1 style="font-size:20px;margin:0 0 16px">${subject}</h1>
          ${raw(body)}
          <hr style="border:none;border-top:1px solid #e5e5e5;margin:24px 0 12px" />
          <p style="font-size:12px;color:#666666;margin:0">
            ${STRINGS[locale].footer}<a href="${account}">${account}</a>
          </p>
        </div>
      </body>
    </html> `;
}

function textFooter(locale: Locale, publicUrl: string): string {
  return `--\n${PRODUCT_NAME[locale]}\n${STRINGS[locale].footer}${absoluteLink(publicUrl, '/account')}`;
}

/** One notification as a whole mail: the template's parts inside the product's layout. */
export function layoutNotification(
  locale: Locale,
  publicUrl: string,
  rendered: RenderedNotification,
  link: string | null,
): RenderedNotification {
  const url = link ? absoluteLink(publicUrl, link) : null;
  const linkHtml = url
    ? html`<p style="margin:24px 0 0">
        <a
          href="${url}"
          style="display:inline-block;background:#1677ff;color:#ffffff;padding:8px 16px;border-radius:6px;text-decoration:none"
          >${STRINGS[locale].open}</a
        >
      </p>`
    : '';
  return {
    subject: rendered.subject,
    text: [rendered.text, url ? `${STRINGS[locale].open}：${url}` : null, textFooter(locale, publicUrl)]
      .filter((part): part is string => part !== null)
      .join('\n\n'),
    html: shell(locale, publicUrl, rendered.subject, rendered.html + linkHtml),
  };
}

/** One digest mail listing several notifications, oldest first. */
export function layoutDigest(
  locale: Locale,
  publicUrl: string,
  period: DigestPeriod,
  items: readonly (RenderedNotification & { link: string | null })[],
): RenderedNotification {
  const strings = STRINGS[locale];
  const subject = strings.digestSubject(period, items.length);
  const textItems = items.map((item, i) => {
    const url = item.link ? `\n   ${absoluteLink(publicUrl, item.link)}` : '';
    return `${i + 1}. ${item.subject}\n   ${item.text.replaceAll('\n', '\n   ')}${url}`;
  });
  const htmlItems = items.map((item) => {
    const title = item.link
      ? html`<a href="${absoluteLink(publicUrl, item.link)}">${item.subject}</a>`
      : html`${item.subject}`;
    return html`<li style="margin:0 0 12px">
      <strong>${raw(title)}</strong>
      <div>${raw(item.html)}</div>
    </li>`;
  });
  return {
    subject,
    text: [strings.digestIntro(period, items.length), textItems.join('\n\n'), textFooter(locale, publicUrl)].join(
      '\n\n',
    ),
    html: shell(
      locale,
      publicUrl,
      subject,
      html`<p>${strings.digestIntro(period, items.length)}</p>
        <ol style="padding-left:20px">
          ${htmlItems.map(raw)}
        </ol>`,
    ),
  };
}
