import {
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from "@conform-to/react";
import { createContext, useContext, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Namespace } from "~/i18n/locales";

/*
 * The one set of form controls, over conform's field metadata, for every form in Puente
 * (listings, accounts, referrals). Each control has its label, its hint and, after a rejected
 * submission, its translated error message, linked with aria-describedby so screen readers
 * read them with the field; the typed value comes back from conform's last result.
 *
 * Error messages arrive as translation keys. Listing forms use `portal:formErrors.<key>`;
 * a form whose keys live elsewhere says so once with <FormMessages namespace="accounts">.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any, any, string[]>;

interface MessageKeys {
  namespace: Namespace;
  prefix: string;
}

const MessageKeysContext = createContext<MessageKeys>({
  namespace: "portal",
  prefix: "formErrors.",
});

/** The namespace (and key prefix) of the error keys of the fields inside. */
export function FormMessages({
  namespace,
  prefix = "",
  children,
}: {
  namespace: Namespace;
  prefix?: string;
  children: ReactNode;
}) {
  return (
    <MessageKeysContext.Provider value={{ namespace, prefix }}>
      {children}
    </MessageKeysContext.Provider>
  );
}

function useMessage() {
  const { namespace, prefix } = useContext(MessageKeysContext);
  const { t } = useTranslation(namespace);
  // A key may carry its values as a query ("unknownLanguages?names=Klingon"): the server
  // names what it could not accept, the page words the message.
  return (key: string, values?: Record<string, unknown>) => {
    const [name, query] = key.split("?", 2) as [string, string | undefined];
    const carried = query ? Object.fromEntries(new URLSearchParams(query)) : {};
    return t(`${prefix}${name}`, { ...carried, ...values });
  };
}

export function FieldErrors({ meta }: { meta: Meta }) {
  const message = useMessage();
  if (!meta.errors?.length) return null;
  return (
    <p id={meta.errorId} className="field-error">
      {meta.errors.map((key) => message(key)).join(" ")}
    </p>
  );
}

/**
 * Errors about the whole form ("Email or password is not right"), announced at once: the
 * live region is always there so a screen reader hears the message when it appears.
 */
export function FormErrors({
  form,
  values,
}: {
  form: { errorId: string; errors?: string[] | undefined };
  values?: Record<string, string | number>;
}) {
  const message = useMessage();
  const errors = form.errors ?? [];
  return (
    <div
      id={form.errorId}
      role="alert"
      className={errors.length ? "notice notice--error" : undefined}
    >
      {errors.map((key) => (
        <p key={key}>{message(key, values)}</p>
      ))}
    </div>
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

export function Hint({ meta, hint }: { meta: Meta; hint?: ReactNode }) {
  return hint ? (
    <p id={meta.descriptionId} className="hint">
      {hint}
    </p>
  ) : null;
}

type TextType = "text" | "email" | "password" | "url" | "tel" | "date" | "time" | "number";

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
    // Passwords are never sent back to the page, so never filled in from a previous attempt.
    value: type !== "password",
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

/** A value the form carries without showing it (the service a referral is for). */
export function HiddenField({ meta }: { meta: Meta }) {
  const { key, ...props } = getInputProps(meta, { type: "hidden" });
  return <input key={key} {...props} />;
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

type SelectOption = { value: string; label: string; lang?: string };

export function SelectField({
  meta,
  label,
  hint,
  options = [],
  groups = [],
  placeholder,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  options?: SelectOption[];
  /** Options under headings (<optgroup>), after the plain ones. */
  groups?: Array<{ label: string; options: SelectOption[] }>;
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
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value} lang={option.lang}>
                {option.label}
              </option>
            ))}
          </optgroup>
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

function groupDescribedBy(meta: Meta, hint: ReactNode): string | undefined {
  const ids = [hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null];
  return ids.filter(Boolean).join(" ") || undefined;
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
  return (
    <fieldset
      className={`field choice-group${columns ? " choice-group--columns" : ""}`}
      aria-describedby={groupDescribedBy(meta, hint)}
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

/** One choice among a few, each option with its own explanation. */
export function RadioGroup({
  meta,
  legend,
  options,
}: {
  meta: Meta;
  legend: ReactNode;
  options: Array<{ value: string; label: string; hint?: string }>;
}) {
  const byValue = new Map(options.map((option) => [option.value, option]));
  return (
    <fieldset
      className="field"
      aria-describedby={groupDescribedBy(meta, null)}
      aria-invalid={meta.errors?.length ? true : undefined}
    >
      <legend>{legend}</legend>
      {getCollectionProps(meta, {
        type: "radio",
        options: options.map((option) => option.value),
        ariaAttributes: false,
      }).map(({ key, ...props }) => {
        const option = byValue.get(props.value);
        const hintId = `${props.id}-hint`;
        return (
          <div key={key ?? props.id} className="choice">
            <input {...props} aria-describedby={option?.hint ? hintId : undefined} />
            <label htmlFor={props.id}>{option?.label ?? props.value}</label>
            {option?.hint ? (
              <p id={hintId} className="hint">
                {option.hint}
              </p>
            ) : null}
          </div>
        );
      })}
      <FieldErrors meta={meta} />
    </fieldset>
  );
}
