import { cloneElement, useId, type InputHTMLAttributes, type ReactElement, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

export interface FieldProps {
  label: ReactNode;
  /** Shown under the control in the error colour and linked with aria-describedby; sets aria-invalid. */
  error?: string | null;
  /** Help text under the label. */
  hint?: ReactNode;
  /** One control (TextInput, Select, Textarea…); it gets the id and aria attributes. */
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
}

/** A labelled form control with its hint and error text. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="field-hint" id={hintId}>{hint}</p>}
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined })}
      {error && <p className="field-error" id={errorId}>{error}</p>}
    </div>
  );
}

export function TextInput(props: InputHTMLAttributes<HTMLInputElement>) {
  return <input type="text" {...props} className={['input', props.className].filter(Boolean).join(' ')} />;
}

export function Select(props: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} className={['input', props.className].filter(Boolean).join(' ')} />;
}

export function Textarea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea rows={4} {...props} className={['input', props.className].filter(Boolean).join(' ')} />;
}

/** A checkbox with its label on the right (and optional error). */
export function Checkbox({ label, error, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; error?: string | null }) {
  const id = useId();
  return (
    <div className="field field-check">
      <input type="checkbox" id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...props} />
      <label htmlFor={id}>{label}</label>
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}
