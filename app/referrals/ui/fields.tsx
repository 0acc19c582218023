import { useTranslation } from "react-i18next";

/**
 * Form pieces for the referral pages. Error messages arrive as keys of the `referrals`
 * namespace (from the zod schemas or the domain) and are translated here.
 */
export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const { t } = useTranslation("referrals");
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      {errors.map((error) => t(error)).join(" ")}
    </p>
  );
}

/** Errors about the whole form ("This referral has moved on"), announced at once. */
export function FormErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const { t } = useTranslation("referrals");
  return (
    <div id={id} role="alert" className={errors?.length ? "notice notice--error" : undefined}>
      {errors?.length ? errors.map((error) => <p key={error}>{t(error)}</p>) : null}
    </div>
  );
}

/** Conform's props carry a React `key`, which must not be spread into JSX. */
export function splitKey<T extends { key?: string | undefined }>(
  props: T,
): [string | undefined, Omit<T, "key">] {
  const { key, ...rest } = props;
  return [key, rest];
}
