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

/** Only same-site paths are followed after login, never another host. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
