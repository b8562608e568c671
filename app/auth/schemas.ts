import { z } from "zod";

const email = z
  .string({ required_error: "validation.required" })
  .trim()
  .max(254, "validation.tooLong?max=254")
  .email("validation.email");

const displayName = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(2, "validation.tooShort?min=2")
  .max(60, "validation.tooLong?max=60");

const newPassword = z
  .string({ required_error: "validation.required" })
  .min(10, "validation.passwordTooShort")
  .max(128, "validation.passwordTooLong");

export const loginSchema = z.object({
  email,
  password: z.string({ required_error: "validation.required" }).max(1024, "validation.passwordTooLong"),
  redirectTo: z.string().optional(),
});

export const registerSchema = z.object({ email, displayName, password: newPassword });

export const displayNameSchema = z.object({ intent: z.literal("name"), displayName });

export const changePasswordSchema = z.object({
  intent: z.literal("password"),
  currentPassword: z.string({ required_error: "validation.required" }).max(1024),
  newPassword,
});

const code = z
  .string({ required_error: "validation.required" })
  .trim()
  .regex(/^\d{3}\s?\d{3}$/, "security.codeWrong");

/** At sign-in and for changes once it is on: a code from the app or a recovery code (xxxxx-xxxxx). */
const codeOrRecovery = z
  .string({ required_error: "validation.required" })
  .trim()
  .regex(/^(\d{3}\s?\d{3}|[a-z0-9]{5}[\s-]?[a-z0-9]{5})$/i, "security.codeWrong");

export const codeSchema = z.object({ code: codeOrRecovery, redirectTo: z.string().optional() });

export const enableTwoFactorSchema = z.object({ intent: z.literal("enable"), code });
export const disableTwoFactorSchema = z.object({ intent: z.literal("disable"), code: codeOrRecovery });
export const recoveryCodesSchema = z.object({ intent: z.literal("recovery"), code: codeOrRecovery });

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z.object({ newPassword });

export const deleteAccountSchema = z.object({
  password: z.string({ required_error: "validation.required" }).max(1024, "validation.passwordTooLong"),
  posts: z.enum(["keep", "remove"], { required_error: "security.deleteChoose", invalid_type_error: "security.deleteChoose" }),
});
