import escapeHtml from 'escape-html';

/** HTML that is already safe: inserted by `html` as it is. */
export class RawHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks markup built elsewhere (e.g. by another `html` call) as safe to insert. */
export function raw(value: string): RawHtml {
  return new RawHtml(value);
}

function render(value: unknown): string {
  if (value instanceof RawHtml) {
    return value.value;
  }
  if (Array.isArray(value)) {
    return value.map(render).join('');
  }
  return value === null || value === undefined ? '' : escapeHtml(String(value));
}

/**
 * A tagged template for mail HTML: every substitution is escaped (`<`, `>`, `&`, `"`, `'`)
 * unless wrapped in `raw(...)`; arrays are joined. Templates use it for every parameter.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), '');
}
