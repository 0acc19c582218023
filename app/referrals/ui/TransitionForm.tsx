import {
  getCollectionProps,
  getFormProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { transitionFormSchema } from "../forms";
import { CHOOSABLE_CLOSE_OUTCOMES, DECLINE_REASONS, type ReferralStatus } from "../workflow";
import { FieldErrors, FormErrors, splitKey } from "./fields";
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
  const reasonHint = `${fields.declineReason.id}-hint`;
  const outcomeHint = `${fields.outcome.id}-hint`;
  const [reasonKey, reasonProps] = splitKey(
    getSelectProps(fields.declineReason, { ariaDescribedBy: reasonHint }),
  );
  const [outcomeKey, outcomeProps] = splitKey(
    getSelectProps(fields.outcome, { ariaDescribedBy: outcomeHint }),
  );
  const [noteKey, noteProps] = splitKey(getTextareaProps(fields.note));
  return (
    <section aria-labelledby="transition-heading" className="referral-section no-print">
      <h2 id="transition-heading">{t("transition.heading")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="transition" />
        <fieldset
          className="field"
          aria-describedby={fields.to.errors ? fields.to.errorId : undefined}
        >
          <legend>{t("transition.to")}</legend>
          {getCollectionProps(fields.to, { type: "radio", options: nextStatuses }).map(
            ({ key, ...props }) => (
              <div key={key} className="choice">
                <input {...props} />
                <label htmlFor={props.id}>{t(`statusAction.${props.value}`)}</label>
              </div>
            ),
          )}
          <FieldErrors id={fields.to.errorId} errors={fields.to.errors} />
        </fieldset>
        {nextStatuses.includes("declined") ? (
          <div className="field">
            <label htmlFor={fields.declineReason.id}>{t("transition.declineReason")}</label>
            <select {...reasonProps} key={reasonKey}>
              <option value="">{t("transition.choose")}</option>
              {DECLINE_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {labels.declineReason(reason)}
                </option>
              ))}
            </select>
            <p id={reasonHint} className="hint">
              {t("transition.declineReasonHint")}
            </p>
            <FieldErrors id={fields.declineReason.errorId} errors={fields.declineReason.errors} />
          </div>
        ) : null}
        {nextStatuses.includes("closed") ? (
          <div className="field">
            <label htmlFor={fields.outcome.id}>{t("transition.outcome")}</label>
            <select {...outcomeProps} key={outcomeKey}>
              <option value="">{t("transition.choose")}</option>
              {CHOOSABLE_CLOSE_OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {labels.outcome(outcome)}
                </option>
              ))}
            </select>
            <p id={outcomeHint} className="hint">
              {t("transition.outcomeHint")}
            </p>
            <FieldErrors id={fields.outcome.errorId} errors={fields.outcome.errors} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={fields.note.id}>{t("transition.note")}</label>
          <textarea {...noteProps} key={noteKey} />
          <p className="hint">{t("transition.noteHint")}</p>
          <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        <button type="submit" className="button button--primary">
          {t("transition.submit")}
        </button>
      </Form>
    </section>
  );
}
