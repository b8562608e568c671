import { z } from "zod";
import type { ProjectStatus } from "../../../db/schema/lab";

/** The project statuses, for forms in the browser (the schema module is server-only). */
export const projectStatusList = ["upcoming", "ongoing", "completed", "cancelled"] as const satisfies readonly ProjectStatus[];

export const projectUpdateSchema = z.object({
  body: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(10_000, "validation.tooLong?max=10000"),
});

export const projectStatusSchema = z.object({
  to: z.enum(projectStatusList, { errorMap: () => ({ message: "validation.invalid" }) }),
  note: z.string().trim().max(5000, "validation.tooLong?max=5000").optional(),
  resultsSummary: z.string().trim().max(10_000, "validation.tooLong?max=10000").optional(),
  reason: z.string().trim().max(2000, "validation.tooLong?max=2000").optional(),
});
