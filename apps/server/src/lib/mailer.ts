import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative to `text`; the message is then multipart/alternative. */
  html?: string;
  /** A stable Message-ID (`<id@host>`), so a receiving server can recognise a repeat. */
  messageId?: string;
};

/** Sends mail through SMTP_URL; when SMTP is not configured, `isConfigured` is false. */
export type Mailer = {
  isConfigured: boolean;
  send(message: MailMessage): Promise<void>;
  close(): void;
};

/** Creates the mailer from an smtp:// URL (or a disabled one). */
export function createMailer(options: { smtpUrl?: string | undefined; from: string }): Mailer {
  if (!options.smtpUrl) {
    return {
      isConfigured: false,
      send: async () => {
        throw new Error('SMTP is not configured');
      },
      close: () => undefined,
    };
  }
  const transport: Transporter = nodemailer.createTransport(options.smtpUrl);
  return {
    isConfigured: true,
    send: async ({ messageId, html, ...message }) => {
      await transport.sendMail({
        from: options.from,
        ...message,
        ...(html === undefined ? {} : { html }),
        ...(messageId === undefined ? {} : { messageId }),
      });
    },
    close: () => transport.close(),
  };
}
