import type { Locale } from '@custodian/shared';

/** The parameters a template renders from (`NotificationInput.params`). */
export type NotificationParams = Record<string, string | number>;

/** One language's rendering of a notification kind. */
export type NotificationTemplateLocale = {
  /** The mail subject and the in-app title (plain text). */
  subject(params: NotificationParams): string;
  /** The plain-text body (without the layout's greeting and link). */
  text(params: NotificationParams): string;
  /**
   * The HTML body fragment (without the layout). It must escape every parameter it
   * interpolates: use `html` from notifications.html.ts, which escapes its substitutions.
   */
  html(params: NotificationParams): string;
};

/** A notification kind's templates, zh-TW first and English second. */
export type NotificationTemplate = Record<Locale, NotificationTemplateLocale>;

/** What a module registers (`AppModule.notificationTemplates`): kind → templates. */
export type NotificationTemplates = Readonly<Record<string, NotificationTemplate>>;
