import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Hotlines } from "~/components/Hotlines";
import { db } from "~/db.server";
import { weeklyHours } from "~/i18n/format";
import { detectLocale, matchAcceptLanguage } from "~/i18n/i18n.server";
import { isLocale, LOCALES, localePath } from "~/i18n/locales";
import { metaT } from "~/i18n/meta";
import { slipResponseSchema } from "~/referrals/forms";

import { slipHandover } from "~/referrals/http.server";
import { getSlip, respondFromSlip } from "~/referrals/slip.server";
import { QrCode } from "~/referrals/ui/QrCode";
import { DateText } from "~/referrals/ui/Dates";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { useReferralLabels } from "~/referrals/ui/labels";
import { referralLinks } from "~/referrals/ui/styles";
import { PRIVATE_NO_STORE } from "~/security/cache-control";

import { DomainError } from "~/http/errors";
import { readForm } from "~/http/form.server";
import { orRespond, refusalResponse } from "~/http/responses.server";

/*
 * The referral slip, for the person: no account, a link that expires, nothing about their
 * case. It opens in the language staff recorded for them (a link without a language prefix is
 * redirected to it), and can be printed.
 */

export const links = referralLinks;

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "referrals");
  return [
    { title: `${t("slip.title")} · ${metaT(matches)("site.name")}` },
    { name: "robots", content: "noindex, nofollow" },
  ];
};

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers(loaderHeaders);
  headers.set("Cache-Control", PRIVATE_NO_STORE);
  headers.set("X-Robots-Tag", "noindex, nofollow");
  return headers;
};

const ANSWERS = ["recorded", "unchanged", "expired", "not_found"] as const;
type Answer = (typeof ANSWERS)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const urlLocale = isLocale(params.lang) ? params.lang : undefined;
  const url = new URL(request.url);
  const result = await orRespond(() => getSlip(db(), { token, locale: urlLocale ?? null }));
  if (result.kind === "language") {
    const locale =
      matchAcceptLanguage(result.preferredLanguage) ?? (await detectLocale(request, undefined));
    throw redirect(`${localePath(locale, `/r/${token}`)}${url.search}`);
  }
  const answer = url.searchParams.get("answer");
  const response = url.searchParams.get("response");
  const thanks = {
    answer: (ANSWERS as readonly string[]).includes(answer ?? "") ? (answer as Answer) : null,
    response:
      response === "got_help" || response === "could_not_reach"
        ? (response as "got_help" | "could_not_reach")
        : null,
  };
  if (result.kind !== "ok") {
    return data(
      {
        result,
        hours: [],
        hoursAt: {} as Record<string, ReturnType<typeof weeklyHours>>,
        thanks,
        qr: null,
      },
      { status: result.kind === "expired" ? 410 : 404 },
    );
  }
  const locale = urlLocale ?? (await detectLocale(request, undefined));
  return {
    result,
    hours: weeklyHours(result.slip.hours, LOCALES[locale].intl),
    // A place where the service keeps other hours than its usual ones shows them with it.
    hoursAt: Object.fromEntries(
      result.slip.locations.map((location) => [
        location.id,
        weeklyHours(location.hours, LOCALES[locale].intl),
      ]),
    ) as Record<string, ReturnType<typeof weeklyHours>>,
    thanks,
    // The slip's own link (without a language: it opens in the person's), for a printout.
    qr: slipHandover(token).qr,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const locale = await detectLocale(request, params.lang);
  const parsed = slipResponseSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success)
    throw refusalResponse(new DomainError(400, "errors.badRequest", "referrals"));
  const answer = await orRespond(() =>
    respondFromSlip(db(), { token, response: parsed.data.response }),
  );
  const query = new URLSearchParams({ answer, response: parsed.data.response });
  return redirect(`${localePath(locale, `/r/${token}`)}?${query}`, 303);
}

export default function ReferralSlip() {
  const { result, hours, hoursAt, thanks, qr } = useLoaderData<typeof loader>();
  const { t } = useReferralLabels();
  if (result.kind !== "ok") {
    return (
      <div className="slip">
        <h1>{t(result.kind === "expired" ? "slip.expiredHeading" : "slip.notFoundHeading")}</h1>
        <p>
          {result.kind === "expired"
            ? t("slip.expiredBody", { organization: result.organizationName })
            : t("slip.notFoundBody")}
        </p>
        <Hotlines />
      </div>
    );
  }
  const { slip } = result;
  return (
    <article className="slip">
      <header className="slip__header">
        <p className="slip__kicker">{t("slip.kicker")}</p>
        {/* Names, addresses and hours are bidi isolates: in Arabic or Urdu they keep their order. */}
        <h1>
          <bdi>{slip.organization.name}</bdi>
        </h1>
        <p className="lead">
          <bdi>{slip.service.name}</bdi>
        </p>
        {slip.callName ? <p>{t("slip.preparedFor", { name: slip.callName })}</p> : null}
      </header>

      {thanks.answer ? <Thanks answer={thanks.answer} response={thanks.response} /> : null}

      <section aria-labelledby="slip-contact-heading">
        <h2 id="slip-contact-heading">{t("slip.contactHeading")}</h2>
        {slip.phones.length > 0 ? (
          <ul className="plain-list slip__phones">
            {slip.phones.map((phone) => (
              <li key={`${phone.number}-${phone.extension ?? ""}`}>
                <a href={`tel:${phone.number.replace(/[^0-9+]/g, "")}`} dir="ltr">
                  {phone.number}
                </a>
                {phone.extension ? ` ${t("slip.extension", { extension: phone.extension })}` : ""}
                {phone.description ? (
                  <span className="hint">
                    {" — "}
                    <bdi>{phone.description}</bdi>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {slip.service.email || slip.organization.email ? (
          <p>
            <a href={`mailto:${slip.service.email ?? slip.organization.email}`}>
              {slip.service.email ?? slip.organization.email}
            </a>
          </p>
        ) : null}
        {slip.organization.website ? (
          <p>
            <a href={slip.organization.website} rel="noreferrer">
              {slip.organization.website}
            </a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="slip-where-heading">
        <h2 id="slip-where-heading">{t("slip.whereHeading")}</h2>
        {slip.locations.length === 0 ? <p>{t("slip.noLocation")}</p> : null}
        {slip.locations.map((location) => (
          <div key={location.id} className="slip__location">
            {location.name ? (
              <p className="slip__location-name">
                <bdi>{location.name}</bdi>
              </p>
            ) : null}
            {location.address ? (
              <address>
                <bdi>{location.address.address1}</bdi>
                {location.address.address2 ? (
                  <>
                    <br />
                    <bdi>{location.address.address2}</bdi>
                  </>
                ) : null}
                <br />
                <bdi>
                  {location.address.city}, {location.address.stateProvince}{" "}
                  {location.address.postalCode}
                </bdi>
              </address>
            ) : (
              <p>{t("slip.callForAddress")}</p>
            )}
            {hoursAt[location.id]?.length ? (
              <>
                <p className="slip__location-name">{t("slip.hoursHere")}</p>
                <SlipHours lines={hoursAt[location.id]!} />
              </>
            ) : null}
          </div>
        ))}
      </section>

      {hours.length > 0 &&
      (slip.locations.length === 0 ||
        slip.locations.some((location) => !hoursAt[location.id]?.length)) ? (
        <section aria-labelledby="slip-hours-heading">
          <h2 id="slip-hours-heading">{t("slip.hoursHeading")}</h2>
          <SlipHours lines={hours} />
        </section>
      ) : null}

      {slip.service.applicationProcess ? (
        <section aria-labelledby="slip-bring-heading">
          <h2 id="slip-bring-heading">{t("slip.bringHeading")}</h2>
          <p className="preserve-lines" dir="auto">
            {slip.service.applicationProcess}
          </p>
        </section>
      ) : null}

      <section aria-labelledby="slip-answer-heading" className="slip__answer no-print">
        <h2 id="slip-answer-heading">{t("slip.answerHeading")}</h2>
        <p>{t("slip.answerLead")}</p>
        {slip.canRespond.gotHelp || slip.canRespond.couldNotReach ? (
          <div className="slip__buttons">
            {slip.canRespond.gotHelp ? (
              <Form method="post">
                <input type="hidden" name="response" value="got_help" />
                <button type="submit" className="button button--primary">
                  {t("slip.gotHelp")}
                </button>
              </Form>
            ) : null}
            {slip.canRespond.couldNotReach ? (
              <Form method="post">
                <input type="hidden" name="response" value="could_not_reach" />
                <button type="submit" className="button">
                  {t("slip.couldNotReach")}
                </button>
              </Form>
            ) : null}
          </div>
        ) : (
          <p>{t("slip.answered")}</p>
        )}
        <PrintButton />
      </section>

      {slip.referenceCode || qr ? (
        <section aria-labelledby="slip-code-heading" className="slip__handover">
          {slip.referenceCode ? (
            <div>
              <h2 id="slip-code-heading">{t("slip.referenceCode")}</h2>
              <p className="reference-code" dir="ltr">
                {slip.referenceCode}
              </p>
              <p className="hint">{t("slip.referenceHint")}</p>
            </div>
          ) : (
            <h2 id="slip-code-heading" className="visually-hidden">
              {t("slip.qrLabel")}
            </h2>
          )}
          {qr ? (
            <figure className="slip__qr">
              <QrCode qr={qr} label={t("slip.qrLabel")} />
              <figcaption className="hint">{t("slip.qrHint")}</figcaption>
            </figure>
          ) : null}
        </section>
      ) : null}

      <Hotlines />

      <footer className="slip__footer">
        <p>
          {t("slip.expires")} <DateText value={slip.expiresAt} />
        </p>
        <p className="hint">{t("slip.privacy")}</p>
      </footer>
    </article>
  );
}

function Thanks({
  answer,
  response,
}: {
  answer: Answer;
  response: "got_help" | "could_not_reach" | null;
}) {
  const { t } = useReferralLabels();
  const key =
    answer === "recorded"
      ? response === "could_not_reach"
        ? "slip.thanks.couldNotReach"
        : "slip.thanks.gotHelp"
      : answer === "unchanged"
        ? "slip.thanks.unchanged"
        : "slip.thanks.expired";
  return (
    <p className="notice notice--success" role="status">
      {t(key)}
    </p>
  );
}

/** Printing needs JavaScript; without it the browser's own Print menu does the same. */
function PrintButton() {
  const { t } = useReferralLabels();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return <p className="hint">{t("slip.printHint")}</p>;
  return (
    <p>
      <button type="button" className="button" onClick={() => window.print()}>
        {t("slip.print")}
      </button>
    </p>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

function SlipHours({ lines }: { lines: Array<{ days: string; hours: string }> }) {
  return (
    <dl className="slip__hours">
      {lines.map((line) => (
        <div key={line.days}>
          <dt>{line.days}</dt>
          <dd>
            <bdi>{line.hours}</bdi>
          </dd>
        </div>
      ))}
    </dl>
  );
}
