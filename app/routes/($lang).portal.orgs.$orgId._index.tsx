import { useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/accounts/sessions.server";
import { PendingNotice } from "~/components/listing-forms";
import { OrganizationProfileForm } from "~/components/OrganizationProfileForm";
import { useLabels } from "~/components/labels";
import { db } from "~/db.server";
import { needsReview } from "~/directory/access.server";
import { applyChanges } from "~/directory/fields";
import {
  organizationProfileSchema,
  type OrganizationProfileForm as OrganizationProfileInput,
} from "~/directory/forms";
import { redirectAfterChange, saveListingForm } from "~/directory/http.server";
import { idParam } from "~/http/params.server";
import {
  getOrganizationForEditing,
  updateOrganizationProfile,
} from "~/directory/organization-editing.server";
import { COMMON_SERVICE_LANGUAGES } from "#db/codes/directory";
import { useLocalePath } from "~/i18n/hooks";
import { SUPPORTED_LOCALES } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";
import { orRespond } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "organization.title", "portal");

/** Languages a description may be written or translated in: the interface's first. */
const CONTENT_LANGUAGES = [...new Set([...SUPPORTED_LOCALES, ...COMMON_SERVICE_LANGUAGES])];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organizationId = idParam(params, "orgId");
  return orRespond(async () => {
    const editing = await getOrganizationForEditing(db(), { actor, organizationId });
    return { ...editing, reviewed: needsReview(actor, editing.organization) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organizationId = idParam(params, "orgId");
  return saveListingForm(await readForm(request), organizationProfileSchema, async (changes) => {
    const outcome = await updateOrganizationProfile(db(), { actor, organizationId, changes });
    return redirectAfterChange(params, `/portal/orgs/${organizationId}`, outcome);
  });
}

export default function OrganizationPage() {
  const editing = useLoaderData<typeof loader>();
  const { organization, services, locations, phoneCount, permissions, pending, reviewed } = editing;
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("portal");
  const href = useLocalePath();
  const labels = useLabels();
  const shown = pending ? applyChanges(editing.fields, pending.changes) : editing.fields;
  const [form, fields] = useForm<OrganizationProfileInput>({
    id: "organization-profile",
    lastResult: actionData?.result,
    constraint: getZodConstraint(organizationProfileSchema),
    shouldValidate: "onBlur",
    defaultValue: {
      ...shown,
      translations: Object.entries(shown.translations)
        .filter(([, description]) => description !== null)
        .map(([locale, description]) => ({ locale, description })),
    },
  });

  return (
    <div className="editor">
      <p className="breadcrumbs">
        <Link to={href("/portal")}>{t("nav.dashboard")}</Link>
      </p>
      <h1>{organization.name}</h1>
      <p>
        {organization.status === "published" ? (
          <Link to={href(`/orgs/${organization.slug}`)}>{t("dashboard.viewPublicListing")}</Link>
        ) : (
          t("dashboard.notPublicYet")
        )}
      </p>
      <PendingNotice pending={pending} />

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("organization.profileHeading")}</h2>
        <OrganizationProfileForm
          form={form}
          fields={fields}
          languages={CONTENT_LANGUAGES}
          reviewed={reviewed}
        />
      </section>

      <section aria-labelledby="services-heading">
        <h2 id="services-heading">{t("organization.servicesHeading")}</h2>
        {services.length === 0 ? <p>{t("organization.noServices")}</p> : null}
        <ul className="link-list">
          {services.map((service) => (
            <li key={service.id}>
              <Link to={href(`/portal/services/${service.id}/edit`)}>{service.name}</Link>{" "}
              <span className={`badge badge--${service.status}`}>
                {labels.vocabulary("serviceStatus", service.status)}
              </span>
            </li>
          ))}
        </ul>
        {permissions.createService ? (
          <p>
            <Link className="button" to={href(`/portal/orgs/${organization.id}/services/new`)}>
              {t("organization.addService")}
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="locations-heading">
        <h2 id="locations-heading">{t("organization.locationsHeading")}</h2>
        {locations.length === 0 ? <p>{t("organization.noLocations")}</p> : null}
        <ul className="link-list">
          {locations.map((location) => (
            <li key={location.id}>
              <Link to={href(`/portal/locations/${location.id}/edit`)}>
                {location.address1}, {location.city} {location.postalCode}
              </Link>
            </li>
          ))}
        </ul>
        {permissions.createLocation ? (
          <p>
            <Link className="button" to={href(`/portal/orgs/${organization.id}/locations/new`)}>
              {t("organization.addLocation")}
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="phones-heading">
        <h2 id="phones-heading">{t("organization.phonesHeading")}</h2>
        <p>
          <Link to={href(`/portal/orgs/${organization.id}/phones`)}>
            {t("organization.managePhones", { count: phoneCount })}
          </Link>
        </p>
      </section>
    </div>
  );
}
