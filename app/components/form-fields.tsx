import {
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/*
 * Labelled form controls over conform's field metadata: each shows its hint and, after a
 * rejected submission, its translated error message (keys under `portal:formErrors`), linked
 * with aria-describedby so screen readers read it with the field.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any, any, string[]>;

export function FieldErrors({ meta }: { meta: Meta }) {
  const { t } = useTranslation("portal");
  if (!meta.errors?.length) return null;
  return (
    <p id={meta.errorId} className="field-error">
      {meta.errors.map((key) => t(`formErrors.${key}`)).join(" ")}
    </p>
  );
}

function Hint({ meta, hint }: { meta: Meta; hint?: ReactNode }) {
  return hint ? (
    <p id={meta.descriptionId} className="hint">
      {hint}
    </p>
  ) : null;
}

type TextType = "text" | "email" | "url" | "tel" | "date" | "time" | "number";

export function TextField({
  meta,
  label,
  hint,
  type = "text",
  autoComplete,
  inputMode,
  step,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  type?: TextType;
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "tel" | "email" | "url";
  step?: string;
}) {
  const { key, ...props } = getInputProps(meta, {
    type,
    ariaDescribedBy: hint ? meta.descriptionId : undefined,
  });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input key={key} {...props} autoComplete={autoComplete} inputMode={inputMode} step={step} />
      <Hint meta={meta} hint={hint} />
      <FieldErrors meta={meta} />
    </div>
  );
}

export function TextAreaField({
  meta,
  label,
  hint,
  rows = 5,
  lang,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  rows?: number;
  lang?: string;
}) {
  const { key, ...props } = getTextareaProps(meta, {
    ariaDescribedBy: hint ? meta.descriptionId : undefined,
  });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <textarea key={key} {...props} rows={rows} lang={lang} />
      <Hint meta={meta} hint={hint} />
      <FieldErrors meta={meta} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  options,
  placeholder,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  options: Array<{ value: string; label: string }>;
  /** A first, empty choice ("Choose…"); without it the first option is preselected. */
  placeholder?: string;
}) {
  const { key, ...props } = getSelectProps(meta, {
    ariaDescribedBy: hint ? meta.descriptionId : undefined,
  });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select key={key} {...props}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint meta={meta} hint={hint} />
      <FieldErrors meta={meta} />
    </div>
  );
}

export function CheckboxField({
  meta,
  label,
  hint,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
}) {
  const { key, ...props } = getInputProps(meta, {
    type: "checkbox",
    ariaDescribedBy: hint ? meta.descriptionId : undefined,
  });
  return (
    <div className="field field--checkbox">
      <input key={key} {...props} />
      <label htmlFor={meta.id}>{label}</label>
      <Hint meta={meta} hint={hint} />
      <FieldErrors meta={meta} />
    </div>
  );
}

/** A group of checkboxes for a multiple choice (languages, categories, counties, ...). */
export function CheckboxGroup({
  meta,
  legend,
  hint,
  options,
  columns = true,
}: {
  meta: Meta;
  legend: ReactNode;
  hint?: ReactNode;
  options: Array<{ value: string; label: string; lang?: string }>;
  columns?: boolean;
}) {
  const labels = new Map(options.map((option) => [option.value, option]));
  const describedBy = [hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset
      className={`field choice-group${columns ? " choice-group--columns" : ""}`}
      aria-describedby={describedBy || undefined}
      aria-invalid={meta.errors?.length ? true : undefined}
    >
      <legend>{legend}</legend>
      <Hint meta={meta} hint={hint} />
      <FieldErrors meta={meta} />
      <ul>
        {getCollectionProps(meta, {
          type: "checkbox",
          options: options.map((option) => option.value),
          ariaAttributes: false,
        }).map(({ key, ...props }) => (
          <li key={key ?? props.id}>
            <input {...props} />
            <label htmlFor={props.id} lang={labels.get(props.value)?.lang}>
              {labels.get(props.value)?.label ?? props.value}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** Shown at the top of a rejected form, so the person knows to look for the marked fields. */
export function FormErrorSummary({ errorCount }: { errorCount: number }) {
  const { t } = useTranslation("portal");
  if (errorCount === 0) return null;
  return (
    <div className="notice notice--error" role="alert">
      {t("forms.errorSummary", { count: errorCount })}
    </div>
  );
}
