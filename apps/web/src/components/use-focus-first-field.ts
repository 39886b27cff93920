import { useEffect, useRef } from 'react';

/** Fields a form dialog may start on: text, choices and selects, not disabled, not hidden. */
const FIELD_SELECTOR = [
  'input:not([type="hidden"]):not([disabled])',
  'textarea:not([disabled])',
  '[contenteditable="true"]',
].join(', ');

/** Frames to wait for the dialog's content to mount and antd's focus lock to settle. */
const MAX_FRAMES = 30;

/**
 * Puts the focus on the first field of a dialog when it opens. antd's focus lock starts on
 * the first focusable element, the × button, so an early Enter would close the form
 * (issue 11, defect 10). Returns the ref for the element that holds the fields.
 */
export function useFocusFirstField<E extends HTMLElement = HTMLDivElement>(open: boolean) {
  const ref = useRef<E>(null);
  useEffect(() => {
    if (!open) {
      return;
    }
    let frame = 0;
    let handle = 0;
    const tryFocus = () => {
      // A hidden Form.Item (e.g. a preset organisation) still holds an input: skip what is not shown.
      const field = [...(ref.current?.querySelectorAll<HTMLElement>(FIELD_SELECTOR) ?? [])].find(
        (element) => element.getClientRects().length > 0,
      );
      if (field && document.activeElement !== field) {
        field.focus({ preventScroll: true });
      }
      frame += 1;
      // Keep trying for a few frames: the lock may move the focus once more while the dialog appears.
      if (frame < MAX_FRAMES && !(field && document.activeElement === field && frame > 3)) {
        handle = requestAnimationFrame(tryFocus);
      }
    };
    handle = requestAnimationFrame(tryFocus);
    return () => cancelAnimationFrame(handle);
  }, [open]);
  return ref;
}
