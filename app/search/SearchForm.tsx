import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCleanSubmit } from "./useCleanSubmit";
import { useHydrated } from "~/components/useHydrated";
import { roundCoordinate } from "~/geo/distance";
import { RADIUS_CHOICES } from "./filters";
import { ANY_DISTANCE } from "./params";

interface SearchFormProps {
  action: string;
  defaults: { q: string; near: string; radius: string };
  /** The chosen filters, kept when the visitor changes the words or the place. */
  filters: [string, string][];
}

/** Wide enough for the whole form beside the results (the same width as app.css uses). */
const WIDE_SCREEN = "(min-width: 48rem)";

/**
 * The search form behind one line on a phone ("asilo · cerca de 11368 · Cambiar"), so the
 * results start on the first screen. A <details>: it opens without JavaScript. Open when
 * nothing was searched yet, and opened on wide screens once JavaScript runs (CSS then hides
 * the line).
 */
export function CollapsibleSearch({
  line,
  searched,
  withPlace,
  children,
}: {
  /** "asilo · cerca de 11368", made by the loader. */
  line: string;
  /** Whether anything was asked (else the form stays open). */
  searched: boolean;
  withPlace: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation("search");
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current && window.matchMedia(WIDE_SCREEN).matches) ref.current.open = true;
  }, []);
  const form = (
    <details ref={ref} className="search-summary" open={!searched}>
      <summary>
        <span className="search-summary__text">{line}</span>
        <span className="search-summary__change">
          <span aria-hidden="true">· </span>
          {t("form.change")}
        </span>
      </summary>
      {children}
    </details>
  );
  return searched && !withPlace ? (
    <>
      {form}
      {/* Results without a place: "near me" in one tap, without opening the form. */}
      <UseMyLocation inputId="search-near" hintId="use-location-hint-top" />
    </>
  ) : (
    form
  );
}

/** What + near + radius, at the top of the search page. A plain GET form: works without JS. */
export function SearchForm({ action, defaults, filters }: SearchFormProps) {
  const cleanSubmit = useCleanSubmit();
  const { t } = useTranslation(["search", "common"]);
  return (
    <Form
      method="get"
      action={action}
      className="search-form search-form--page"
      role="search"
      aria-label={t("form.label")}
      onSubmit={cleanSubmit}
    >
      <div className="field field--what">
        <label htmlFor="search-q">{t("common:searchForm.whatLabel")}</label>
        <input
          id="search-q"
          name="q"
          type="search"
          autoComplete="off"
          defaultValue={defaults.q}
          placeholder={t("common:searchForm.whatPlaceholder")}
        />
      </div>
      <div className="field field--near">
        <label htmlFor="search-near">{t("common:searchForm.nearLabel")}</label>
        <input
          id="search-near"
          name="near"
          type="text"
          autoComplete="postal-code"
          defaultValue={defaults.near}
          placeholder={t("common:searchForm.nearPlaceholder")}
          aria-describedby="search-near-hint"
        />
        <p id="search-near-hint" className="hint">
          {t("common:searchForm.nearHint")}
        </p>
        <UseMyLocation inputId="search-near" />
      </div>
      <div className="field field--radius">
        <label htmlFor="search-radius">{t("form.radiusLabel")}</label>
        <select id="search-radius" name="radius" defaultValue={defaults.radius}>
          <option value={ANY_DISTANCE}>{t("form.anyDistance")}</option>
          {/* defaults.radius is always one of these (radiusControlValue). */}
          {RADIUS_CHOICES.map((miles) => (
            <option key={miles} value={String(miles)}>
              {t("form.withinMiles", { count: miles })}
            </option>
          ))}
        </select>
      </div>
      {filters.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="button button--primary">
        {t("common:searchForm.submit")}
      </button>
    </Form>
  );
}

type LocateStatus = "idle" | "locating" | "denied" | "unavailable";

/**
 * Asks the browser for the visitor's position and rounds it to two decimals (about 1 km) here,
 * in the browser, before it is put in the form: the exact position never leaves the device.
 */
function UseMyLocation({
  inputId,
  hintId = "use-location-hint",
}: {
  inputId: string;
  hintId?: string;
}) {
  const { t } = useTranslation("search");
  const hydrated = useHydrated();
  const [status, setStatus] = useState<LocateStatus>("idle");
  if (!hydrated || !("geolocation" in navigator)) return null;

  const locate = () => {
    setStatus("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const latitude = roundCoordinate(position.coords.latitude, 2);
        const longitude = roundCoordinate(position.coords.longitude, 2);
        const input = document.getElementById(inputId);
        if (!(input instanceof HTMLInputElement)) return;
        input.value = `${latitude},${longitude}`;
        setStatus("idle");
        input.form?.requestSubmit();
      },
      (error) => setStatus(error.code === error.PERMISSION_DENIED ? "denied" : "unavailable"),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 10 * 60_000 },
    );
  };

  return (
    <div className="use-location">
      <button
        type="button"
        className="button button--small"
        onClick={locate}
        disabled={status === "locating"}
        aria-describedby={hintId}
      >
        {t("form.useMyLocation")}
      </button>
      <p id={hintId} className="hint">
        {t("form.useMyLocationHint")}
      </p>
      <p role="status" className="use-location__status">
        {status === "locating" ? t("form.locating") : null}
        {status === "denied" ? t("form.locationDenied") : null}
        {status === "unavailable" ? t("form.locationUnavailable") : null}
      </p>
    </div>
  );
}
