import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { getInputProps, getTextareaProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";

/**
 * Validation messages are i18n keys, optionally with values: "validation.tooShort?min=5".
 * Schemas stay free of language and the same schema serves the form and the action.
 */
export function translateMessage(t: TFunction, message: string): string {
  const [key, query] = message.split("?");
  const values = query ? Object.fromEntries(new URLSearchParams(query)) : undefined;
  return t(key, values ?? {}) as string;
}

interface FieldProps {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: FieldMetadata<any, any, string[]>;
  label: string;
  type?: "text" | "email" | "password" | "search" | "url";
  hint?: string;
  autoComplete?: string;
  multiline?: boolean;
}

export function Field({ meta, label, type = "text", hint, autoComplete, multiline }: FieldProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const describedBy = [hintId, meta.errors?.length ? meta.errorId : undefined].filter(Boolean).join(" ") || undefined;
  const common = { "aria-describedby": describedBy, autoComplete };
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {multiline ? (
        <textarea {...getTextareaProps(meta, { ariaAttributes: true })} {...common} />
      ) : (
        <input
          {...getInputProps(meta, { type, ariaAttributes: true })}
          {...common}
          {...(type === "password" ? { defaultValue: undefined } : {})}
        />
      )}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {meta.errors?.length ? (
        <p className="field-error" id={meta.errorId}>
          {meta.errors.map((e) => translateMessage(t, e)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function FormErrors({ form }: { form: Pick<FormMetadata<Record<string, unknown>>, "errors" | "errorId"> }) {
  const { t } = useTranslation();
  if (!form.errors?.length) return null;
  return (
    <div className="form-error" role="alert" id={form.errorId}>
      {form.errors.map((e) => translateMessage(t, e)).join(" ")}
    </div>
  );
}
