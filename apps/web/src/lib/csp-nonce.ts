const PLACEHOLDER = '__CSP_NONCE__';

/**
 * The per-response CSP style nonce, which the server writes into
 * `<meta name="csp-nonce">`. antd stamps it on the style elements it creates.
 * Undefined under the Vite dev server, which sends no CSP.
 */
export function readCspNonce(): string | undefined {
  const meta = document.querySelector('meta[name="csp-nonce"]');
  const value = meta?.getAttribute('content') ?? '';
  if (!value || value === PLACEHOLDER) {
    return undefined;
  }
  return value;
}

/**
 * Stamps the nonce on every `<style>` element the app creates. antd's CSS-in-JS takes the
 * nonce from ConfigProvider, but two helpers in @rc-component/util (the scrollbar-width
 * probe used by tables and the body scroll lock of modals) create style elements without
 * it, which the strict CSP would block. Only our own scripts can call createElement
 * (script-src 'self'), so this grants nothing that injected markup could use.
 */
export function stampNonceOnStyleElements(nonce: string): void {
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (
    this: Document,
    tagName: string,
    options?: ElementCreationOptions,
  ): HTMLElement {
    const element = createElement.call(this, tagName, options);
    if (element instanceof HTMLStyleElement) {
      element.nonce = nonce;
    }
    return element;
  } as typeof Document.prototype.createElement;
}
