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
import { LocationForm } from "~/components/LocationForm";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { needsReview } from "~/directory/access.server";
import { applyChanges } from "~/directory/fields";
import {
  locationFormDefaults,
  locationSchema,
  type LocationForm as LocationFormInput,
} from "~/directory/forms";
import { redirectAfterChange, saveListingForm } from "~/directory/http.server";
import { idParam } from "~/http/params.server";
import {
  getLocationForEditing,
  updateLocation,
  wordedServiceOptions,
} from "~/directory/locations.server";
import { useLocalePath } from "~/i18n/hooks";
import { detectLocale } from "~/i18n/i18n.server";
import { LOCALES } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";
import { orRespond } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "location.editTitle", "portal");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locationId = idParam(params, "locationId");
  const locale = await detectLocale(request, params.lang);
  return orRespond(async () => {
    const editing = await getLocationForEditing(db(), { actor, locationId });
    return {
      ...editing,
      services: wordedServiceOptions(editing.services, LOCALES[locale].intl),
      reviewed: needsReview(actor, editing.organization),
      mapTiles: { url: config().MAP_TILE_URL, attribution: config().MAP_TILE_ATTRIBUTION },
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const locationId = idParam(params, "locationId");
  return saveListingForm(await readForm(request), locationSchema, async (fields) => {
    const outcome = await updateLocation(db(), { actor, locationId, fields });
    return redirectAfterChange(params, `/portal/locations/${locationId}/edit`, outcome);
  });
}

export default function EditLocationPage() {
  const editing = useLoaderData<typeof loader>();
  const { organization, reviewed, pending, mapTiles, services } = editing;
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("portal");
  const href = useLocalePath();
  const shown = pending ? applyChanges(editing.fields, pending.changes) : editing.fields;
  const [form, fields] = useForm<LocationFormInput>({
    id: "location",
    lastResult: actionData?.result,
    constraint: getZodConstraint(locationSchema),
    shouldValidate: "onBlur",
    defaultValue: locationFormDefaults(shown, services),
  });
  return (
    <div className="editor">
      <p className="breadcrumbs">
        <Link to={href("/portal")}>{t("nav.dashboard")}</Link> ›{" "}
        <Link to={href(`/portal/orgs/${organization.id}`)}>{organization.name}</Link>
      </p>
      <h1>
        {editing.fields.address1}, {editing.fields.city}
      </h1>
      <PendingNotice pending={pending} />
      <LocationForm
        form={form}
        fields={fields}
        reviewed={reviewed}
        creating={false}
        mapTiles={mapTiles}
        services={services}
      />
    </div>
  );
}
