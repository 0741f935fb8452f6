"use client";

import * as React from "react";

/**
 * Focus for a flow of dialogs that replace one another (select a model, then confirm): while the flow stays open the
 * next dialog takes focus; once the whole flow has closed, focus goes back to the element that opened it. Pass the
 * returned handler to every dialog's `onCloseAutoFocus`. (Each dialog alone would send focus to whatever was focused
 * when it opened: for the second one, an element of the first that no longer exists, so the body.)
 */
export function useReturnFocus(open: boolean): (event: Event) => void {
  const opener = React.useRef<HTMLElement | null>(null);
  const isOpen = React.useRef(open);
  // A layout effect runs before the dialog moves focus into itself (Radix does that in a passive effect).
  React.useLayoutEffect(() => {
    isOpen.current = open;
    if (!open) return;
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
  }, [open]);
  return React.useCallback((event: Event) => {
    if (isOpen.current) {
      event.preventDefault(); // the flow's next dialog takes focus
      return;
    }
    const target = opener.current;
    if (!target?.isConnected) return;
    event.preventDefault();
    target.focus();
  }, []);
}
