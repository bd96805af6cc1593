import type { ButtonHTMLAttributes } from 'react';
import { Spinner } from './Spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** @defaultValue 'secondary' */
  variant?: ButtonVariant;
  /** Shows a spinner and disables the button while an action runs. */
  busy?: boolean;
  /** @defaultValue 'md' */
  size?: 'sm' | 'md';
}

/** The one button. `type` defaults to "button" so it never submits a form by accident. */
export function Button({ variant = 'secondary', busy = false, size = 'md', className, children, disabled, type = 'button', ...rest }: ButtonProps) {
  return (
    <button {...rest} type={type} className={['btn', `btn-${variant}`, `btn-${size}`, className].filter(Boolean).join(' ')} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy && <Spinner size="sm" label="" />}
      {children}
    </button>
  );
}
