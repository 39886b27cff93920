import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type TestSmtpServer = {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every message accepted, parsed, in the order received. */
  messages: ParsedMail[];
  /** Refuses the next `count` messages with a temporary error (451). */
  rejectNext(count: number): void;
  /** Messages refused so far. */
  rejected: number;
  close(): Promise<void>;
};

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps what it receives,
 * parsed by `mailparser`, so a test can check subjects and the text and HTML parts.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  let toReject = 0;
  const state = {
    messages: [] as ParsedMail[],
    rejected: 0,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (toReject > 0) {
            toReject -= 1;
            state.rejected += 1;
            const error = Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 });
            callback(error);
            return;
          }
          state.messages.push(mail);
          callback();
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get messages() {
      return state.messages;
    },
    get rejected() {
      return state.rejected;
    },
    rejectNext(count) {
      toReject = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
