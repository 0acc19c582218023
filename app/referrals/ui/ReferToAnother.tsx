import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { REFERRAL_MODES } from "#db/codes/referrals";
import { FormErrors, FormMessages, RadioGroup, SelectField } from "~/components/form-fields";
import { useHydrated } from "~/components/useHydrated";
import { useLocalePath } from "~/i18n/hooks";
import { referToAnotherFormSchema } from "../forms";
import { useReferralLabels } from "./labels";

export interface ReferableServiceOption {
  id: string;
  name: string;
  organizationName: string;
  city: string | null;
  acceptingNewClients: boolean;
}

export interface AnotherServiceSearch {
  query: string;
  services: ReferableServiceOption[];
  busy: boolean;
}

/**
 * "Refer to another service" (issue 12 item 5): a search field that uses the search engine.
 * Without JavaScript it is a GET form (`?another=…`) whose results the page lists as choices;
 * with it, results follow the typing (GET /staff/referrals/services, debounced). Either way
 * the choice is sent with the existing refer action.
 */
export function ReferToAnotherForm({
  search,
  currentServiceId,
  lastResult,
}: {
  search: AnotherServiceSearch;
  currentServiceId: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useReferralLabels();
  const href = useLocalePath();
  const hydrated = useHydrated();
  const [query, setQuery] = useState(search.query);
  const [found, setFound] = useState(search);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const text = query.trim();
    if (!text) {
      setFound({ query: "", services: [], busy: false });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const parameters = new URLSearchParams({ q: text, exclude: currentServiceId });
      fetch(`${href("/staff/referrals/services")}?${parameters}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      })
        .then((response) => (response.ok ? response.json() : null))
        .then((body: AnotherServiceSearch | null) => {
          if (body) setFound(body);
        })
        .catch(() => {});
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `href` changes identity on every render; the query is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, currentServiceId]);

  const [form, fields] = useForm({
    id: "refer-to-another",
    lastResult,
    constraint: getZodConstraint(referToAnotherFormSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: referToAnotherFormSchema }),
    defaultValue: { mode: "sent" },
  });

  const options = found.services.map((service) => ({
    value: service.id,
    label: [service.name, service.organizationName, service.city].filter(Boolean).join(" · "),
    hint: service.acceptingNewClients ? undefined : t("another.notAccepting"),
  }));

  return (
    <section aria-labelledby="refer-another-heading" className="referral-section">
      <h2 id="refer-another-heading">{t("another.heading")}</h2>
      <p className="hint">{t("another.hint")}</p>
      <Form
        method="get"
        role="search"
        className="another-search"
        preventScrollReset
        onSubmit={(event) => {
          // With JavaScript the results already follow the typing.
          if (hydrated) event.preventDefault();
        }}
      >
        <div className="field">
          <label htmlFor="another-service-search">{t("another.search")}</label>
          <input
            id="another-service-search"
            type="search"
            name="another"
            value={query}
            maxLength={200}
            autoComplete="off"
            aria-describedby="another-service-search-hint"
            onChange={(event) => setQuery(event.target.value)}
          />
          <p id="another-service-search-hint" className="hint">
            {t("another.searchHint")}
          </p>
        </div>
        {hydrated ? null : (
          <button type="submit" className="button">
            {t("another.searchButton")}
          </button>
        )}
      </Form>
      <p role="status" className={found.query ? "" : "visually-hidden"}>
        {found.busy
          ? t("another.busy")
          : found.query
            ? t("another.found", { count: found.services.length, query: found.query })
            : ""}
      </p>
      {found.services.length > 0 ? (
        <FormMessages namespace="referrals">
          <Form method="post" {...getFormProps(form)}>
            <FormErrors form={form} />
            <input type="hidden" name="intent" value="referToAnother" />
            <RadioGroup meta={fields.serviceId} legend={t("another.service")} options={options} />
            <SelectField
              meta={fields.mode}
              label={t("form.mode")}
              options={REFERRAL_MODES.map((mode) => ({
                value: mode,
                label: t(`form.modes.${mode}`),
              }))}
            />
            <button type="submit" className="button">
              {t("another.submit")}
            </button>
          </Form>
        </FormMessages>
      ) : null}
    </section>
  );
}
