import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { createElement as h, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loginSchema } from "~/accounts/forms";
import { FormErrors, FormMessages, TextField, CheckboxField } from "~/components/form-fields";
import { i18nFor } from "~/i18n/instance";
import type { Locale, Namespace } from "~/i18n/locales";
import { resourcesFor } from "~/i18n/resources.server";

/*
 * The one field set renders every form's refusals the same way: the typed value comes back,
 * the message sits at its field in the page's language (from the form's own namespace), and
 * the control points at it with aria-describedby.
 */

function formData(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.append(name, value);
  return data;
}

function render(locale: Locale, element: ReactNode): string {
  const i18n = i18nFor(locale, resourcesFor(locale));
  return renderToString(h(I18nextProvider, { i18n }, element));
}

function Rejected({
  schema,
  values,
  namespace,
  fields: names,
}: {
  schema: z.ZodTypeAny;
  values: Record<string, string>;
  namespace?: Namespace;
  fields: Array<{ name: string; type?: "text" | "email" | "password" | "checkbox" }>;
}) {
  const lastResult = parseWithZod(formData(values), { schema }).reply({
    hideFields: ["password"],
  });
  const [form, fields] = useForm({ id: "test", lastResult });
  const controls = names.map(({ name, type = "text" }) => {
    const meta = fields[name as keyof typeof fields]!;
    return type === "checkbox"
      ? h(CheckboxField, { key: name, meta, label: name })
      : h(TextField, { key: name, meta, label: name, type });
  });
  const body = h("form", null, h(FormErrors, { form }), ...controls);
  return namespace ? h(FormMessages, { namespace, children: body }) : body;
}

function fieldHtml(html: string, id: string): { input: string; error: string | undefined } {
  const input = new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? "";
  const error = new RegExp(`<p id="${id}-error" class="field-error">([^<]*)</p>`).exec(html)?.[1];
  return { input, error };
}

describe("the form field set", () => {
  it("shows an account form's refusal in Korean at the field, keeping the email typed", () => {
    const html = render(
      "ko",
      h(Rejected, {
        schema: loginSchema,
        values: { email: "not-an-email", password: "" },
        namespace: "accounts",
        fields: [
          { name: "email", type: "email" },
          { name: "password", type: "password" },
        ],
      }),
    );
    const email = fieldHtml(html, "test-email");
    expect(email.error).toBe("name@example.org와 같은 형식으로 이메일 주소를 입력하세요.");
    expect(email.input).toContain('value="not-an-email"');
    expect(email.input).toContain('aria-invalid="true"');
    expect(email.input).toContain('aria-describedby="test-email-error"');
    const password = fieldHtml(html, "test-password");
    expect(password.error).toBe("비밀번호를 입력하세요.");
    expect(password.input).not.toContain("value=");
  });

  it("shows a listing form's refusal from portal:formErrors when no namespace is given", () => {
    const schema = z.object({ name: z.string({ required_error: "required" }) });
    const html = render("ar", h(Rejected, { schema, values: {}, fields: [{ name: "name" }] }));
    expect(fieldHtml(html, "test-name").error).toBe(
      i18nFor("ar", resourcesFor("ar")).getFixedT("ar", "portal")("formErrors.required"),
    );
  });

  it("shows a referral form's refusal in Bengali, the form-level one in the alert region", () => {
    const schema = z
      .object({ phone: z.string().optional(), phoneConsent: z.boolean().optional() })
      .superRefine((form, context) => {
        if (form.phone && !form.phoneConsent)
          context.addIssue({
            code: "custom",
            path: ["phoneConsent"],
            message: "form.errors.consent",
          });
        context.addIssue({ code: "custom", path: [], message: "errors.serviceUnavailable" });
      });
    const html = render(
      "bn",
      h(Rejected, {
        schema,
        values: { phone: "917-555-0142" },
        namespace: "referrals",
        fields: [{ name: "phone" }, { name: "phoneConsent", type: "checkbox" }],
      }),
    );
    const t = i18nFor("bn", resourcesFor("bn")).getFixedT("bn", "referrals");
    expect(fieldHtml(html, "test-phoneConsent").error).toBe(t("form.errors.consent"));
    expect(fieldHtml(html, "test-phone").input).toContain('value="917-555-0142"');
    expect(html).toContain(
      `<div id="test-error" role="alert" class="notice notice--error"><p>${t("errors.serviceUnavailable")}</p></div>`,
    );
  });
});
