/** The design system: import every shared component from here. */
export { Button, type ButtonProps, type ButtonVariant } from './Button';
export { Spinner, Loading } from './Spinner';
export { Field, TextInput, Select, Textarea, Checkbox, type FieldProps } from './Field';
export { Table, type Column, type TableProps } from './Table';
export { Badge, VerdictBadge, StatusBadge, VERDICT_LABELS, STATUS_LABELS, type Tone } from './Badge';
export { Dialog, ConfirmProvider, useConfirm, type DialogProps, type ConfirmOptions } from './Dialog';
export { ToastProvider, useToast, type ToastOptions } from './Toasts';
export { Tabs, type TabItem, type TabsProps } from './Tabs';
export { ApiErrorView, type ApiErrorViewProps } from './ApiErrorView';
export { ErrorBoundary, CrashPage } from './ErrorBoundary';
export { Page, Shell, Card, type ShellProps } from './Layout';
export { NotFound } from './NotFound';
