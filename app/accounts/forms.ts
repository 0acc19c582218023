import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/i18n/locales";
import { ROLES } from "#db/codes/accounts";

/**
 * One zod schema per form, shared by the action (server validation) and the page (conform's
 * field constraints and instant feedback). Messages are keys in the `accounts` namespace.
 * Passwords are checked in full (length, common list) by passwords.server.ts.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

const email = z
  .string({ required_error: "errors.emailRequired" })
  .trim()
  .max(254, "errors.emailInvalid")
  .email("errors.emailInvalid");

/** What someone types to sign in: any length, the stored hash decides. */
const existingPassword = z
  .string({ required_error: "errors.passwordRequired" })
  .max(1000, "errors.passwordTooLong");

const newPassword = z
  .string({ required_error: "errors.passwordRequired" })
  .min(PASSWORD_MIN_LENGTH, "errors.passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "errors.passwordTooLong");

const confirmPassword = z.string({ required_error: "errors.confirmRequired" });

function passwordsMatch<T extends { password: string; confirmPassword: string }>(
  value: T,
  context: z.RefinementCtx,
) {
  if (value.password !== value.confirmPassword) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["confirmPassword"],
      message: "errors.passwordMismatch",
    });
  }
}

export const loginSchema = z.object({
  email,
  password: existingPassword,
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ password: newPassword, confirmPassword })
  .superRefine(passwordsMatch);

export const acceptInvitationSchema = z
  .object({
    name: z
      .string({ required_error: "errors.nameRequired" })
      .trim()
      .min(1, "errors.nameRequired")
      .max(100, "errors.nameTooLong"),
    password: newPassword,
    confirmPassword,
  })
  .superRefine(passwordsMatch);

export const changePasswordSchema = z
  .object({
    intent: z.literal("changePassword"),
    currentPassword: existingPassword,
    password: newPassword,
    confirmPassword,
  })
  .superRefine(passwordsMatch);

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  email,
  organizationId: z
    .string({ required_error: "errors.organizationRequired" })
    .uuid("errors.organizationRequired"),
  language: z.enum(SUPPORTED_LOCALES as [string, ...string[]], {
    errorMap: () => ({ message: "errors.languageRequired" }),
  }),
});

export const changeRoleSchema = z.object({
  intent: z.literal("changeRole"),
  userId: z.string().uuid(),
  role: z.enum(ROLES, { errorMap: () => ({ message: "errors.roleRequired" }) }),
});

export const setDisabledSchema = z.object({
  intent: z.enum(["disable", "enable"]),
  userId: z.string().uuid(),
});
