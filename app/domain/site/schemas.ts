import { z } from "zod";

/** Form schemas for the staff's site editing and the public forms; messages are i18n keys. */
const text = (min: number, max: number) =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(min, min <= 1 ? "validation.required" : `validation.tooShort?min=${min}`)
    .max(max, `validation.tooLong?max=${max}`);

const optionalText = (max: number) => z.string().trim().max(max, `validation.tooLong?max=${max}`).optional();

/** A date-time from an <input type="datetime-local"> (local Swedish time) or empty. */
const localDateTime = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), "validation.invalid");

const httpUrl = z
  .string()
  .trim()
  .max(500, "validation.tooLong?max=500")
  .optional()
  .refine((v) => !v || /^https?:\/\/[^\s]+$/i.test(v), "news.form.urlInvalid");

export const newsSchema = z
  .object({
    kind: z.enum(["news", "event"], { errorMap: () => ({ message: "validation.invalid" }) }),
    title: text(3, 160),
    summary: text(10, 400),
    body: text(10, 20_000),
    date: z
      .string({ required_error: "validation.required" })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalid"),
    published: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    startsAt: localDateTime,
    endsAt: localDateTime,
    location: optionalText(200),
    online: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    recordingUrl: httpUrl,
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "event") return;
    if (!v.startsAt) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "news.form.startsRequired" });
    if (!v.online && !v.location) ctx.addIssue({ code: "custom", path: ["location"], message: "news.form.placeRequired" });
    if (v.startsAt && v.endsAt && v.endsAt < v.startsAt)
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "news.form.endBeforeStart" });
  });
export type NewsForm = z.infer<typeof newsSchema>;

export const siteBlocksSchema = z.object({
  vision: text(1, 5000),
  mission: text(1, 5000),
  board: text(1, 10_000),
  core_team: text(1, 10_000),
});
export type SiteBlocksForm = z.infer<typeof siteBlocksSchema>;

const email = z
  .string({ required_error: "validation.required" })
  .trim()
  .toLowerCase()
  .max(254, "validation.tooLong?max=254")
  .email("validation.email");

export const newsletterSchema = z.object({ email });

export const contactSchema = z.object({
  name: text(1, 120),
  email,
  subject: text(3, 200),
  message: text(10, 5000),
  /** The honeypot: hidden from people, filled in by bots. */
  website: z.string().optional(),
  /** Signed time the form was shown (minimum fill time). */
  started: z.string().optional(),
});
export type ContactForm = z.infer<typeof contactSchema>;
