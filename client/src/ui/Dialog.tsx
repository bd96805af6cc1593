import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, type ButtonVariant } from './Button';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons row at the bottom. */
  actions?: ReactNode;
}

/**
 * A modal on the native `<dialog>`: focus is trapped and restored by the
 * browser, Escape closes (calls `onClose`), the title names it.
 */
export function Dialog({ open, title, onClose, children, actions }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useRef(`dialog-${Math.random().toString(36).slice(2)}`).current;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">{title}</h2>
          <div className="dialog-body">{children}</div>
          {actions && <div className="dialog-actions">{actions}</div>}
        </>
      )}
    </dialog>
  );
}

export interface ConfirmOptions {
  title: string;
  body: ReactNode;
  /** @defaultValue 'Confirm' */
  confirmLabel?: string;
  /** @defaultValue 'Cancel' */
  cancelLabel?: string;
  /** @defaultValue 'primary' */
  variant?: ButtonVariant;
}

const ConfirmContext = createContext<((o: ConfirmOptions) => Promise<boolean>) | null>(null);

/** Provides `useConfirm()`; mount once near the root. */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<(ConfirmOptions & { resolve: (ok: boolean) => void }) | null>(null);
  const confirm = useCallback((o: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ ...o, resolve })), []);
  const answer = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <Dialog
        open={!!pending}
        title={pending?.title ?? ''}
        onClose={() => answer(false)}
        actions={
          <>
            <Button onClick={() => answer(false)}>{pending?.cancelLabel ?? 'Cancel'}</Button>
            <Button variant={pending?.variant ?? 'primary'} onClick={() => answer(true)} autoFocus>{pending?.confirmLabel ?? 'Confirm'}</Button>
          </>
        }
      >
        {pending?.body}
      </Dialog>
    </ConfirmContext.Provider>
  );
}

/** `await confirm({ title, body })` → true when the person confirmed. */
export function useConfirm(): (o: ConfirmOptions) => Promise<boolean> {
  const c = useContext(ConfirmContext);
  if (!c) throw new Error('useConfirm needs a <ConfirmProvider> above it');
  return c;
}
