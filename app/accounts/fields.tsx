import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";

/**
 * Form pieces for the account pages. Error messages arrive as keys of the `accounts`
 * namespace (from the zod schemas or the action) and are translated here.
 */
export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const { t } = useTranslation("accounts");
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      {errors.map((error) => t(error)).join(" ")}
    </p>
  );
}

/** Errors about the whole form ("Email or password is not right"), announced at once. */
export function FormErrors({
  id,
  errors,
  values,
}: {
  id: string;
  errors: string[] | undefined;
  values?: Record<string, string | number>;
}) {
  const { t } = useTranslation("accounts");
  return (
    <div id={id} role="alert" className={errors?.length ? "notice notice--error" : undefined}>
      {errors?.length ? errors.map((error) => <p key={error}>{t(error, values)}</p>) : null}
    </div>
  );
}

export function TextField({
  meta,
  label,
  type,
  autoComplete,
  hint,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  type: "text" | "email" | "password";
  autoComplete?: string;
  hint?: string;
}) {
  const hintId = `${meta.id}-hint`;
  const { key, ...props } = getInputProps(meta, {
    type,
    ariaDescribedBy: hint ? hintId : undefined,
    // Passwords are never sent back to the page, so never filled in from a previous attempt.
    value: type !== "password",
  });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input key={key} {...props} autoComplete={autoComplete} />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A new password and its confirmation, the same wherever a password is chosen. */
export function NewPasswordFields({
  password,
  confirmPassword,
}: {
  password: FieldMetadata<string | undefined>;
  confirmPassword: FieldMetadata<string | undefined>;
}) {
  const { t } = useTranslation("accounts");
  return (
    <>
      <TextField
        meta={password}
        label={t("fields.newPassword")}
        type="password"
        autoComplete="new-password"
        hint={t("fields.newPasswordHint")}
      />
      <TextField
        meta={confirmPassword}
        label={t("fields.confirmPassword")}
        type="password"
        autoComplete="new-password"
      />
    </>
  );
}
