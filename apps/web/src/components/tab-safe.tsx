import type { ReactNode } from 'react';

/**
 * Wraps a multiple-choice antd Select so Tab only moves on. In antd's select, Tab with the
 * list open acts like Enter on the highlighted option: right after Enter picked a choice,
 * Tab un-picked it again and kept the focus. Here Tab never reaches the select; the browser
 * moves the focus and the list closes as the select loses it.
 */
export function TabSafe({ children, enabled = true }: { children: ReactNode; enabled?: boolean }) {
  return (
    <span
      style={{ display: 'contents' }}
      onKeyDownCapture={(event) => {
        if (enabled && event.key === 'Tab') {
          event.stopPropagation();
        }
      }}
    >
      {children}
    </span>
  );
}
