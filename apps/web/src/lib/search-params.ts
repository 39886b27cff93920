/**
 * A copy of the address's parameters with some set or removed (an empty or undefined
 * value removes the parameter); the others, such as a list's filters, are kept.
 */
export function withParams(params: URLSearchParams, changes: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value) {
      next.set(name, value);
    } else {
      next.delete(name);
    }
  }
  return next;
}
