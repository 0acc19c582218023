import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessages, TextField } from "~/components/form-fields";
import { requireActor } from "~/accounts/sessions.server";
import { db } from "~/db.server";
import { redirectWithFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import {
  followUpFormSchema,
  referToAnotherFormSchema,
  sendSlipFormSchema,
  transitionFormSchema,
} from "~/referrals/forms";
import { sendSlipLink } from "~/referrals/handover.server";
import {
  languageNamesFor,
  requestLocale,
  slipHandover,
  staffReferralPath,
} from "~/referrals/http.server";
import { smsSettings } from "~/referrals/sms.server";
import {
  getReferral,
  issueSlipLink,
  referToAnother,
  setFollowUp,
  takeSlipLink,
  transitionReferral,
} from "~/referrals/referrals.server";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { useReferralLabels } from "~/referrals/ui/labels";
import { ReferralPage } from "~/referrals/ui/ReferralPage";
import { ReferToAnotherForm } from "~/referrals/ui/ReferToAnother";
import { searchReferableServices } from "~/referrals/referable-search.server";
import { referralLinks } from "~/referrals/ui/styles";
import { privatePageHeaders } from "~/security/cache-control";

import { DomainError } from "~/http/errors";
import { readForm } from "~/http/form.server";
import { attempt, orRespond, refusalResponse } from "~/http/responses.server";

export const links = referralLinks;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "detail.title", "referrals");

/** Personal data: never stored by a browser or proxy cache. */
export const headers = privatePageHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await requestLocale(request, params.lang);
  const referralId = params.id ?? "";
  // Shown once, in this page only (never in a cookie): right after this user made the
  // referral or a new slip link.
  const slipToken = await orRespond(() => takeSlipLink(db(), { actor, referralId }));
  const referral = await orRespond(() => getReferral(db(), { actor, referralId, locale }));
  // "Refer to another service" searches with the search engine (`?another=…`).
  const another = referral.canManage
    ? await searchReferableServices(db(), {
        text: new URL(request.url).searchParams.get("another") ?? "",
        locale,
        excludeServiceId: referral.service.id,
      })
    : { query: "", services: [], busy: false };
  const slip = slipToken ? slipHandover(slipToken) : null;
  return {
    referral,
    another,
    slipLink: slip?.link ?? null,
    slip,
    smsConfigured: smsSettings() !== null,
    languageNames: languageNamesFor(locale, [referral.preferredLanguage]),
  };
}

type Intent = "transition" | "referToAnother" | "followUp" | "newSlip" | "sendSlip";

function refused(intent: Intent, result: SubmissionResult<string[]>, status: number) {
  return data({ intent, result }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await requestLocale(request, params.lang);
  const referralId = params.id ?? "";
  const here = staffReferralPath(locale, referralId);
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "transition") {
    const submission = parseWithZod(formData, { schema: transitionFormSchema });
    if (submission.status !== "success") return refused(intent, submission.reply(), 400);
    const outcome = await attempt(() =>
      transitionReferral(db(), { actor, referralId, ...submission.value }),
    );
    if ("refusal" in outcome) {
      return refused(
        intent,
        submission.reply({ formErrors: [outcome.refusal.messageKey] }),
        outcome.refusal.status,
      );
    }
    return redirectWithFlash(here, {
      kind: "success",
      message: `referrals:flash.status.${submission.value.to}`,
    });
  }

  if (intent === "referToAnother") {
    const submission = parseWithZod(formData, { schema: referToAnotherFormSchema });
    if (submission.status !== "success") return refused(intent, submission.reply(), 400);
    const outcome = await attempt(() =>
      referToAnother(db(), { actor, referralId, ...submission.value }),
    );
    if ("refusal" in outcome) {
      return refused(
        intent,
        submission.reply({ formErrors: [outcome.refusal.messageKey] }),
        outcome.refusal.status,
      );
    }
    return redirectWithFlash(staffReferralPath(locale, outcome.value.referralId), {
      kind: "success",
      message: submission.value.mode === "sent" ? "referrals:flash.sent" : "referrals:flash.logged",
    });
  }

  if (intent === "followUp") {
    const submission = parseWithZod(formData, { schema: followUpFormSchema });
    if (submission.status !== "success") return refused(intent, submission.reply(), 400);
    await orRespond(() =>
      setFollowUp(db(), {
        actor,
        referralId,
        followUpOn: submission.value.followUpOn ?? null,
      }),
    );
    return redirectWithFlash(here, { kind: "success", message: "referrals:flash.followUpSaved" });
  }

  if (intent === "sendSlip") {
    const submission = parseWithZod(formData, { schema: sendSlipFormSchema });
    if (submission.status !== "success") {
      return data(
        { intent, send: { error: "send.errors.slipChanged" }, slip: null },
        { status: 400 },
      );
    }
    const { channel, token } = submission.value;
    const outcome = await attempt(() => sendSlipLink(db(), { actor, referralId, channel, token }));
    if ("refusal" in outcome) {
      const { status, messageKey } = outcome.refusal;
      // The token was checked before consent: after a consent refusal it is still the link
      // this page showed, so the panel stays to hand it over another way.
      const stillValid = messageKey !== "send.errors.slipChanged" && status === 400;
      return data(
        { intent, send: { error: messageKey }, slip: stillValid ? slipHandover(token) : null },
        { status },
      );
    }
    return data({ intent, send: { outcome: outcome.value }, slip: slipHandover(token) });
  }

  if (intent === "newSlip") {
    await orRespond(() => issueSlipLink(db(), { actor, referralId }));
    return redirectWithFlash(here, { kind: "success", message: "referrals:flash.newSlip" });
  }

  throw refusalResponse(new DomainError(400, "errors.badRequest", "referrals"));
}

export default function StaffReferral() {
  const { referral, another, slip, smsConfigured, languageNames } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: Intent) =>
    actionData?.intent === intent && "result" in actionData ? actionData.result : undefined;
  const sent = actionData?.intent === "sendSlip" && "send" in actionData ? actionData : undefined;
  return (
    <>
      <BackLink />
      <ReferralPage
        key={referral.status}
        referral={referral}
        slip={slip ?? sent?.slip ?? null}
        smsConfigured={smsConfigured}
        sendResult={sent?.send}
        languageNames={languageNames}
        detailPath={(id) => `/staff/referrals/${id}`}
        transitionResult={resultFor("transition")}
      >
        {referral.canManage ? (
          <div className="staff-tools no-print">
            <ReferToAnotherForm
              search={another}
              currentServiceId={referral.service.id}
              lastResult={resultFor("referToAnother")}
            />
            <FollowUpForm followUpOn={referral.followUpOn} lastResult={resultFor("followUp")} />
            <NewSlipForm slipActive={referral.slipActive} />
          </div>
        ) : null}
      </ReferralPage>
    </>
  );
}

function BackLink() {
  const { t } = useReferralLabels();
  const href = useLocalePath();
  return (
    <p className="no-print">
      <Link to={href("/staff/referrals")}>{t("detail.back")}</Link>
    </p>
  );
}

function FollowUpForm({
  followUpOn,
  lastResult,
}: {
  followUpOn: string | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useReferralLabels();
  const [form, fields] = useForm({
    id: "follow-up",
    lastResult,
    constraint: getZodConstraint(followUpFormSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: followUpFormSchema }),
    defaultValue: { followUpOn: followUpOn ?? "" },
  });
  return (
    <section aria-labelledby="follow-up-heading" className="referral-section">
      <h2 id="follow-up-heading">{t("followUp.heading")}</h2>
      <FormMessages namespace="referrals">
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="followUp" />
          <TextField
            meta={fields.followUpOn}
            type="date"
            label={t("form.followUpOn")}
            hint={t("followUp.hint")}
          />
          <button type="submit" className="button">
            {t("followUp.submit")}
          </button>
        </Form>
      </FormMessages>
    </section>
  );
}

function NewSlipForm({ slipActive }: { slipActive: boolean }) {
  const { t } = useReferralLabels();
  return (
    <section aria-labelledby="new-slip-heading" className="referral-section">
      <h2 id="new-slip-heading">{t("newSlip.heading")}</h2>
      <p className="hint">{slipActive ? t("newSlip.hintActive") : t("newSlip.hintExpired")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="newSlip" />
        <button type="submit" className="button">
          {t("newSlip.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
