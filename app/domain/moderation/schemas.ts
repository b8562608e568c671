import { z } from "zod";
import { reportReasons, reportTargets } from "../../../db/constants";
import { decisionKinds } from "../audit/actions";

export const reportSchema = z.object({
  typ: z.enum(reportTargets),
  id: z.string().min(1).max(64),
  reason: z.enum(reportReasons, { errorMap: () => ({ message: "moderation.report.reasonRequired" }) }),
  note: z.string().max(1000, "moderation.report.noteTooLong").optional(),
});

export const appealSchema = z.object({
  note: z.string().max(1000, "moderation.report.noteTooLong").optional(),
});

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** One moderation decision as posted by the decision form (fields not needed by the kind are ignored). */
export const decisionSchema = z.object({
  typ: z.enum(reportTargets),
  id: z.string().min(1).max(64),
  beslut: z.enum(decisionKinds),
  reasonCategory: z.preprocess(blankToUndefined, z.enum(reportReasons).optional()),
  reason: z.preprocess(blankToUndefined, z.string().max(1000, "moderation.report.noteTooLong").optional()),
  title: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  body: z.preprocess(blankToUndefined, z.string().max(20_000).optional()),
  days: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ invalid_type_error: "moderation.decide.daysInvalid" })
      .int("moderation.decide.daysInvalid")
      .min(1, "moderation.decide.daysInvalid")
      .max(3650, "moderation.decide.daysInvalid")
      .optional(),
  ),
});
export type DecisionForm = z.infer<typeof decisionSchema>;
