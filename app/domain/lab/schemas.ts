import { z } from "zod";
import { maxInt4 } from "../../../db/constants";

/** Form schemas for lab decisions; messages are i18n keys. */
const text = (min: number, max: number) =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(min, min <= 1 ? "validation.required" : `validation.tooShort?min=${min}`)
    .max(max, `validation.tooLong?max=${max}`);

const idList = z.array(z.coerce.number().int().positive().max(maxInt4)).default([]);

export const promoteSchema = z.object({
  title: text(5, 140),
  summary: text(10, 2000),
  leadId: z.string({ required_error: "validation.required" }).min(1, "validation.required").max(64),
  partnerIds: idList,
  mergeIds: idList,
  reason: z.string().trim().max(2000, "validation.tooLong?max=2000").optional(),
});
export type PromoteForm = z.infer<typeof promoteSchema>;

export const declineSchema = z.object({
  reason: text(10, 2000),
});

export const thresholdSchema = z.object({
  challengeId: z.coerce.number().int().positive().max(maxInt4),
  threshold: z.coerce
    .number({ invalid_type_error: "validation.invalid" })
    .int("validation.invalid")
    .min(1, "validation.invalid")
    .max(100_000, "validation.invalid"),
});

export const newProjectSchema = z.object({
  title: text(5, 140),
  summary: text(10, 2000),
  leadId: z.string({ required_error: "validation.required" }).min(1, "validation.required").max(64),
  challengeId: z.coerce.number().int().positive().max(maxInt4).optional(),
  partnerIds: idList,
});
