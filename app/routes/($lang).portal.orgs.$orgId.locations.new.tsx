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
import { LocationForm } from "~/components/LocationForm";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { needsReview } from "~/directory/access.server";
import {
  locationFormDefaults,
  locationSchema,
  type LocationForm as LocationFormInput,
} from "~/directory/forms";
import { redirectAfterChange, saveListingForm } from "~/directory/http.server";
import { idParam } from "~/http/params.server";
import {
  createLocation,
  getNewLocationContext,
  wordedServiceOptions,
} from "~/directory/locations.server";
import { useLocalePath } from "~/i18n/hooks";
import { detectLocale } from "~/i18n/i18n.server";
import { LOCALES } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";
import { orRespond } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "location.newTitle", "portal");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organizationId = idParam(params, "orgId");
  const locale = await detectLocale(request, params.lang);
  return orRespond(async () => {
    const context = await getNewLocationContext(db(), { actor, organizationId });
    return {
      ...context,
      services: wordedServiceOptions(context.services, LOCALES[locale].intl),
      reviewed: needsReview(actor, context.organization),
      mapTiles: { url: config().MAP_TILE_URL, attribution: config().MAP_TILE_ATTRIBUTION },
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organizationId = idParam(params, "orgId");
  return saveListingForm(await readForm(request), locationSchema, async (fields) => {
    const outcome = await createLocation(db(), { actor, organizationId, fields });
    return redirectAfterChange(params, `/portal/orgs/${organizationId}`, outcome);
  });
}

export default function NewLocationPage() {
  const { organization, reviewed, mapTiles, services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("portal");
  const href = useLocalePath();
  const [form, fields] = useForm<LocationFormInput>({
    id: "location",
    lastResult: actionData?.result,
    constraint: getZodConstraint(locationSchema),
    shouldValidate: "onBlur",
    defaultValue: locationFormDefaults(null, services),
  });
  return (
    <div className="editor">
      <p className="breadcrumbs">
        <Link to={href("/portal")}>{t("nav.dashboard")}</Link> ›{" "}
        <Link to={href(`/portal/orgs/${organization.id}`)}>{organization.name}</Link>
      </p>
      <h1>{t("location.newTitle")}</h1>
      <LocationForm
        form={form}
        fields={fields}
        reviewed={reviewed}
        creating
        mapTiles={mapTiles}
        services={services}
      />
    </div>
  );
}
