// The score sheet's keys (UX: keyboard first). J/K and PageDown/PageUp outside text fields; Alt+J/Alt+K anywhere;
// `?` for the key map; Ctrl+Enter to submit; A (Alt+A in a text field) to the attachments. Keys inside dialogs (the key map, submit, the attachment viewer) are theirs.
import { useEffect, useRef } from 'react';

export interface SheetKeyActions {
  next(): void;
  prev(): void;
  help(): void;
  submit(): void;
  attachments(): void;
}

const NOT_TEXT = new Set(['radio', 'checkbox', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

export function isTextField(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  // A locked sheet's fields take no typing: J/K still move on from them.
  if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && (el.readOnly || el.disabled)) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el instanceof HTMLInputElement && !NOT_TEXT.has(el.type);
}

function inDialog(el: EventTarget | null): boolean {
  return el instanceof Element && el.closest('[role="dialog"], .ant-modal-wrap, .ant-drawer, .ant-select-dropdown') !== null;
}

export function useSheetKeys(enabled: boolean, actions: SheetKeyActions): void {
  // The latest actions without re-binding the listener on every render.
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    if (!enabled) return;
    const on = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || inDialog(e.target)) return;
      const a = ref.current;
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        a.submit();
        return;
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyJ' || e.code === 'KeyK' || e.code === 'KeyA')) {
        e.preventDefault();
        if (e.code === 'KeyJ') a.next();
        else if (e.code === 'KeyK') a.prev();
        else a.attachments();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTextField(e.target)) return;
      const k = e.key;
      if (k === 'j' || k === 'J' || k === 'PageDown') a.next();
      else if (k === 'k' || k === 'K' || k === 'PageUp') a.prev();
      else if (k === '?') a.help();
      else if (k === 'a' || k === 'A') a.attachments();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [enabled]);
}
