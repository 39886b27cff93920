import type { Readable } from 'node:stream';
import { refuse } from './errors.js';
import type { ScanFormat } from './types.js';

/** Bytes decoded at once: a huge chunk (a whole file in one Buffer) is cut into slices of this. */
const SLICE_BYTES = 256 * 1024;

/**
 * The file as it streams in: counts its bytes (refusing it past `maxBytes`), keeps the first
 * bytes for the format's detection, then hands out text decoded as strict UTF-8 (a byte
 * sequence that is not UTF-8 is refused, whichever chunk it straddles; a leading BOM is
 * dropped).
 */
export class ScanSource {
  /** Bytes read from the input so far. */
  bytes = 0;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private readonly iterator: AsyncIterator<unknown>;
  private done = false;
  format: ScanFormat | undefined;

  constructor(
    input: Readable,
    private readonly maxBytes: number,
  ) {
    this.iterator = input[Symbol.asyncIterator]();
  }

  private async next(): Promise<Buffer | undefined> {
    if (this.done) {
      return undefined;
    }
    const step = await this.iterator.next();
    if (step.done) {
      this.done = true;
      return undefined;
    }
    const value: unknown = step.value;
    const chunk = Buffer.isBuffer(value)
      ? value
      : value instanceof Uint8Array
        ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
        : Buffer.from(String(value), 'utf8');
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      throw refuse(this.format, 'too_large', `over ${this.maxBytes} bytes`);
    }
    return chunk;
  }

  /** Stops reading the input (destroying the stream) when the parse ends early. */
  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.iterator.return?.();
    }
  }

  /** Reads until `size` bytes are held (or the file ends) and returns them, without consuming them. */
  async peek(size: number): Promise<Buffer> {
    while (this.headBytes < size) {
      const chunk = await this.next();
      if (!chunk) {
        break;
      }
      this.head.push(chunk);
      this.headBytes += chunk.length;
    }
    return Buffer.concat(this.head);
  }

  /** The whole file as text, from its first byte, in slices of bounded size. */
  async *text(): AsyncGenerator<string, void, undefined> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const decode = (bytes: Uint8Array, stream: boolean) => {
      try {
        return decoder.decode(bytes, { stream });
      } catch {
        throw refuse(this.format, 'not_utf8');
      }
    };
    const slices = function* (chunk: Buffer) {
      for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
        yield chunk.subarray(at, Math.min(chunk.length, at + SLICE_BYTES));
      }
    };
    const held = this.head.splice(0);
    for (const chunk of held) {
      for (const slice of slices(chunk)) {
        yield decode(slice, true);
      }
    }
    for (let chunk = await this.next(); chunk; chunk = await this.next()) {
      for (const slice of slices(chunk)) {
        yield decode(slice, true);
      }
    }
    const rest = decode(new Uint8Array(0), false);
    if (rest) {
      yield rest;
    }
  }
}
