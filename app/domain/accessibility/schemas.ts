import { z } from "zod";

/** The form: validation messages are i18n keys, so the same schema serves browser and server. */
export const barrierSchema = z.object({
  page: z
    .string({ required_error: "accessibility.report.pageRequired" })
    .trim()
    .min(1, "accessibility.report.pageRequired")
    .max(500, "validation.tooLong?max=500"),
  description: z
    .string({ required_error: "accessibility.report.descriptionRequired" })
    .trim()
    .min(10, "validation.tooShort?min=10")
    .max(5000, "validation.tooLong?max=5000"),
  contactEmail: z.string().trim().email("accessibility.report.emailInvalid").max(254).optional(),
});
export type BarrierInput = z.infer<typeof barrierSchema>;
