import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import type { Tone } from './Badge';

export interface Toast {
  id: number;
  tone: Tone;
  message: ReactNode;
}

export interface ToastOptions {
  /** @defaultValue 'info' */
  tone?: Tone;
  /** Milliseconds before it goes away; 0 keeps it until dismissed. @defaultValue 6000 */
  durationMs?: number;
}

const ToastContext = createContext<((message: ReactNode, o?: ToastOptions) => void) | null>(null);

/** Provides `useToast()` and the live region toasts appear in; mount once near the root. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = (id: number) => setToasts((ts) => ts.filter((t) => t.id !== id));
  const show = useCallback((message: ReactNode, o: ToastOptions = {}) => {
    const id = next.current++;
    setToasts((ts) => [...ts.slice(-4), { id, tone: o.tone ?? 'info', message }]);
    const ms = o.durationMs ?? 6_000;
    if (ms > 0) setTimeout(() => dismiss(id), ms);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone}`}>
            <div>{t.message}</div>
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>×</button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** `toast('Saved', { tone: 'success' })`. */
export function useToast(): (message: ReactNode, o?: ToastOptions) => void {
  const t = useContext(ToastContext);
  if (!t) throw new Error('useToast needs a <ToastProvider> above it');
  return t;
}
