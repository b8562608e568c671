import { translatedResponse } from "./responses.server";
import type { setSupport, voteComment } from "../domain/votes/votes.server";
import type { createIdea } from "../domain/ideas/ideas.server";
import type { createComment } from "../domain/comments/comments.server";
import type { declineIdea, promoteIdeas } from "../domain/lab/decisions.server";
import type { changeProjectStatus, postProjectUpdate } from "../domain/projects/timeline.server";
import type { reportContent } from "../domain/moderation/reports.server";
import type { redactPersonalData } from "../domain/moderation/redact.server";
import type { decide } from "../domain/moderation/decisions.server";
import type { appealDecision } from "../domain/moderation/appeals.server";

/**
 * What each problem a domain write can return becomes on the way out: an HTTP status, the key of the
 * message the reader sees, and, when the message belongs next to one field of the form, that field.
 * One table per write, typed against the write's own result, so a problem the domain adds and this
 * table lacks is a type error, not an untranslated 500.
 */
export interface ProblemAnswer {
  status: 400 | 403 | 404 | 409 | 410;
  message: string;
  field?: string;
}

type ProblemOf<F extends (...args: never[]) => Promise<unknown>> =
  Extract<Awaited<ReturnType<F>>, { ok: false }> extends { problem: infer P extends string } ? P : never;

type Table<F extends (...args: never[]) => Promise<unknown>> = Record<ProblemOf<F>, ProblemAnswer>;

const spam = {
  spam_links: { status: 409, message: "moderation.spam.tooManyLinks" },
  spam_duplicate: { status: 409, message: "moderation.spam.duplicate" },
} as const;

export const problems = {
  idea: {
    challenge_not_found: { status: 409, message: "idea.challengeClosed" },
    challenge_closed: { status: 409, message: "idea.challengeClosed" },
    idea_not_found: { status: 409, message: "idea.challengeClosed" },
    idea_deleted: { status: 409, message: "idea.challengeClosed" },
    ...spam,
  } satisfies Table<typeof createIdea>,
  support: {
    idea_not_found: { status: 404, message: "forum.ideaNotFound" },
    idea_deleted: { status: 410, message: "idea.deletedByAuthor" },
    own_idea: { status: 403, message: "idea.ownIdea" },
    idea_closed: { status: 409, message: "idea.supportClosed" },
  } satisfies Table<typeof setSupport>,
  commentVote: {
    comment_not_found: { status: 404, message: "forum.commentNotFound" },
    comment_deleted: { status: 403, message: "comment.cannotVote" },
    own_comment: { status: 403, message: "comment.ownComment" },
  } satisfies Table<typeof voteComment>,
  comment: {
    idea_not_found: { status: 404, message: "forum.ideaNotFound" },
    idea_locked: { status: 409, message: "comment.locked" },
    idea_deleted: { status: 409, message: "comment.ideaDeleted" },
    parent_not_found: { status: 400, message: "comment.parentMissing" },
    comment_not_found: { status: 404, message: "forum.commentNotFound" },
    comment_deleted: { status: 409, message: "comment.parentMissing" },
    ...spam,
  } satisfies Table<typeof createComment>,
  promote: {
    idea_not_found: { status: 400, message: "lab.problems.idea_not_found" },
    idea_not_reviewable: { status: 409, message: "lab.problems.idea_not_reviewable" },
    different_challenges: { status: 400, message: "lab.problems.different_challenges" },
    reason_required: { status: 400, message: "lab.problems.reason_required", field: "reason" },
    invalid_lead: { status: 400, message: "lab.problems.invalid_lead" },
    challenge_not_found: { status: 400, message: "lab.problems.challenge_not_found" },
    invalid_partner: { status: 400, message: "lab.problems.invalid_partner" },
  } satisfies Table<typeof promoteIdeas>,
  decline: {
    idea_not_found: { status: 409, message: "lab.problems.idea_not_found" },
    idea_not_reviewable: { status: 409, message: "lab.problems.idea_not_reviewable" },
    reason_required: { status: 409, message: "lab.problems.reason_required" },
  } satisfies Table<typeof declineIdea>,
  projectUpdate: {
    project_not_found: { status: 400, message: "projects.problems.project_not_found" },
    invalid_transition: { status: 400, message: "projects.problems.invalid_transition" },
    reason_required: { status: 400, message: "projects.problems.reason_required" },
    results_required: { status: 400, message: "projects.problems.results_required" },
  } satisfies Table<typeof postProjectUpdate>,
  projectStatus: {
    project_not_found: { status: 400, message: "projects.problems.project_not_found" },
    invalid_transition: { status: 409, message: "projects.problems.invalid_transition" },
    reason_required: { status: 400, message: "projects.problems.reason_required", field: "reason" },
    results_required: { status: 400, message: "projects.problems.results_required", field: "resultsSummary" },
  } satisfies Table<typeof changeProjectStatus>,
  report: {
    not_found: { status: 404, message: "moderation.report.notFound" },
    own_content: { status: 403, message: "moderation.report.own" },
    already_reported: { status: 409, message: "moderation.report.already" },
  } satisfies Table<typeof reportContent>,
  redact: {
    not_found: { status: 404, message: "security.redactMissing" },
    forbidden: { status: 403, message: "security.redactForbidden" },
    text_not_found: { status: 400, message: "security.redactNotFound" },
    text_required: { status: 400, message: "security.redactNotFound" },
  } satisfies Table<typeof redactPersonalData>,
  moderationDecision: {
    not_found: { status: 404, message: "moderation.decide.problem.not_found" },
    forbidden: { status: 403, message: "moderation.decide.problem.forbidden" },
    not_applicable: { status: 409, message: "moderation.decide.problem.not_applicable" },
    reason_required: { status: 400, message: "moderation.decide.problem.reason_required", field: "reasonCategory" },
    nothing_pending: { status: 409, message: "moderation.decide.problem.nothing_pending" },
  } satisfies Table<typeof decide>,
  appeal: {
    not_found: { status: 404, message: "errors.decisionNotFound" },
    already_appealed: { status: 409, message: "moderation.appeal.already" },
    not_appealable: { status: 409, message: "moderation.appeal.notAppealable" },
    forbidden: { status: 409, message: "moderation.appeal.notAppealable" },
  } satisfies Table<typeof appealDecision>,
} as const;

/** A problem as a whole answer (the action cannot come back to a form): its status and translated message. */
export function problemResponse(request: Request, answer: ProblemAnswer): Response {
  return translatedResponse(request, answer.message, answer.status);
}

/** The form reply's errors for a problem: next to its field when it has one, else for the whole form. */
export function problemErrors(answer: ProblemAnswer): { fieldErrors: Record<string, string[]> } | { formErrors: string[] } {
  return answer.field ? { fieldErrors: { [answer.field]: [answer.message] } } : { formErrors: [answer.message] };
}
