import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/form-fields";

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
