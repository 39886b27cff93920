import { createInterface } from 'node:readline';

/**
 * Reads the first line of a stream (stdin by default), for secrets passed through a pipe:
 * `printf '%s\n' "$PASSWORD" | custodian user create …`. The trailing newline (and a
 * carriage return) are removed; nothing is echoed or logged.
 */
export async function readFirstLine(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of lines) {
      return line;
    }
    return '';
  } finally {
    lines.close();
    if (input === process.stdin) {
      process.stdin.pause();
    }
  }
}
