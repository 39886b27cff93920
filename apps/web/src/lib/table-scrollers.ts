/**
 * Keyboard access to tables wider (or, with a fixed header, taller) than their box: WCAG
 * 2.1.1, axe's scrollable-region-focusable. An antd table with `scroll` scrolls inside
 * `.ant-table-content` (or `.ant-table-body`); when none of its cells holds a link or a
 * button (an empty list, an outbox of sent mail) the keyboard cannot reach the columns out
 * of view. This gives each such scroller a tab stop while it overflows, and takes it back
 * when it no longer does: one observer for the whole app rather than a prop on every table
 * (antd offers no way to set attributes on that element).
 */
const SCROLLERS = '.ant-table-content, .ant-table-body';
const SCROLLS = new Set(['auto', 'scroll']);

function overflows(element: HTMLElement): boolean {
  const style = getComputedStyle(element);
  return (
    (SCROLLS.has(style.overflowX) && element.scrollWidth > element.clientWidth + 1) ||
    (SCROLLS.has(style.overflowY) && element.scrollHeight > element.clientHeight + 1)
  );
}

function update(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    if (overflows(element)) {
      if (!element.hasAttribute('tabindex')) {
        element.tabIndex = 0;
      }
    } else if (element.getAttribute('tabindex') === '0') {
      element.removeAttribute('tabindex');
    }
  }
}

/** Keeps the tables' scrollers under `root` focusable while they overflow; returns a stop function. */
export function keepTableScrollersFocusable(root: HTMLElement = document.body): () => void {
  let frame = 0;
  const schedule = () => {
    if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        update(root);
      });
    }
  };
  // Rows, columns and whole tables come and go as children; the window's size changes the box.
  const observer = new MutationObserver(schedule);
  observer.observe(root, { childList: true, subtree: true });
  window.addEventListener('resize', schedule);
  schedule();
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', schedule);
    cancelAnimationFrame(frame);
  };
}
