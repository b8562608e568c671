import { z } from "zod";

/** Limits shared by the forms, the actions and the domain. Messages are i18n keys. */
export const ideaLimits = { titleMin: 5, titleMax: 140, bodyMax: 10_000 } as const;
export const commentLimits = { bodyMax: 5_000 } as const;

const title = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(ideaLimits.titleMin, `validation.tooShort?min=${ideaLimits.titleMin}`)
  .max(ideaLimits.titleMax, `validation.tooLong?max=${ideaLimits.titleMax}`);

const body = (max: number) =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, `validation.tooLong?max=${max}`);

export const ideaSchema = z.object({ title, body: body(ideaLimits.bodyMax) });
export type IdeaInput = z.infer<typeof ideaSchema>;

/** What the preview button accepts: any text, so a half-written idea can be previewed. */
export const ideaDraftSchema = z.object({
  title: z
    .string()
    .max(ideaLimits.titleMax * 4)
    .optional(),
  body: z
    .string()
    .max(ideaLimits.bodyMax * 2)
    .optional(),
});

export const commentSchema = z.object({
  body: body(commentLimits.bodyMax),
  parentId: z.coerce.number().int().positive().optional(),
});
export type CommentInput = z.infer<typeof commentSchema>;

export const ideaSorts = ["popular", "new", "supports", "comments"] as const;
export type IdeaSort = (typeof ideaSorts)[number];
