import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import {
  FormErrors,
  FormMessages,
  RadioGroup,
  SelectField,
  TextAreaField,
} from "~/components/form-fields";
import { transitionFormSchema } from "../forms";
import { CHOOSABLE_CLOSE_OUTCOMES } from "~/referrals/workflow";
import { DECLINE_REASONS, type ReferralStatus } from "#db/codes/referrals";
import { useReferralLabels } from "./labels";

/**
 * "What happened?": one form with the statuses this person may move the referral to, plus the
 * reason (declining) or outcome (closing) and a note. Works without JavaScript.
 */
export function TransitionForm({
  nextStatuses,
  lastResult,
}: {
  nextStatuses: ReferralStatus[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const labels = useReferralLabels();
  const { t } = labels;
  const [form, fields] = useForm({
    id: "transition",
    lastResult,
    constraint: getZodConstraint(transitionFormSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: transitionFormSchema }),
  });
  if (nextStatuses.length === 0) return null;
  return (
    <section aria-labelledby="transition-heading" className="referral-section no-print">
      <h2 id="transition-heading">{t("transition.heading")}</h2>
      <FormMessages namespace="referrals">
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="transition" />
          <RadioGroup
            meta={fields.to}
            legend={t("transition.to")}
            options={nextStatuses.map((status) => ({
              value: status,
              label: t(`statusAction.${status}`),
            }))}
          />
          {nextStatuses.includes("declined") ? (
            <SelectField
              meta={fields.declineReason}
              label={t("transition.declineReason")}
              hint={t("transition.declineReasonHint")}
              placeholder={t("transition.choose")}
              options={DECLINE_REASONS.map((reason) => ({
                value: reason,
                label: labels.declineReason(reason),
              }))}
            />
          ) : null}
          {nextStatuses.includes("closed") ? (
            <SelectField
              meta={fields.outcome}
              label={t("transition.outcome")}
              hint={t("transition.outcomeHint")}
              placeholder={t("transition.choose")}
              options={CHOOSABLE_CLOSE_OUTCOMES.map((outcome) => ({
                value: outcome,
                label: labels.outcome(outcome),
              }))}
            />
          ) : null}
          <TextAreaField
            meta={fields.note}
            label={t("transition.note")}
            hint={t("transition.noteHint")}
            rows={3}
          />
          <button type="submit" className="button button--primary">
            {t("transition.submit")}
          </button>
        </Form>
      </FormMessages>
    </section>
  );
}
