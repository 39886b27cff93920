import type { Locale } from '@custodian/shared';
import { html } from './notifications.html.js';

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

/** What carries templates: the app's modules (`deps.modules`, `AppModule.notificationTemplates`). */
type TemplateHolder = { name: string; notificationTemplates?: NotificationTemplates };

const byModules = new WeakMap<readonly TemplateHolder[], ReadonlyMap<string, NotificationTemplate>>();

/**
 * The templates of an app's modules by kind (built once per module list). A kind registered
 * twice with different templates is a programming error.
 */
export function notificationTemplatesOf(modules: readonly TemplateHolder[]): ReadonlyMap<string, NotificationTemplate> {
  const cached = byModules.get(modules);
  if (cached) {
    return cached;
  }
  const registry = new Map<string, NotificationTemplate>();
  for (const mod of modules) {
    for (const [kind, template] of Object.entries(mod.notificationTemplates ?? {})) {
      const existing = registry.get(kind);
      if (existing && existing !== template) {
        throw new Error(`Notification kind "${kind}" is registered twice (module ${mod.name})`);
      }
      registry.set(kind, template);
    }
  }
  byModules.set(modules, registry);
  return registry;
}

/** The templates of a kind, or undefined when no module of the app registered it. */
export function notificationTemplate(
  modules: readonly TemplateHolder[],
  kind: string,
): NotificationTemplate | undefined {
  return notificationTemplatesOf(modules).get(kind);
}

/** A rendered message: subject, plain text and HTML body fragment. */
export type RenderedNotification = { subject: string; text: string; html: string };

/** Renders a kind in a language with the app's templates; an unknown kind renders as its key (never throws on read). */
export function renderNotification(
  modules: readonly TemplateHolder[],
  kind: string,
  locale: Locale,
  params: NotificationParams,
): RenderedNotification {
  const template = notificationTemplate(modules, kind)?.[locale];
  if (!template) {
    return { subject: kind, text: kind, html: html`<p>${kind}</p>` };
  }
  return { subject: template.subject(params), text: template.text(params), html: template.html(params) };
}
