import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { labProjects, projectUpdates, type ProjectStatus } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";
import { recordAudit } from "../audit/audit.server";
import { recordEvent } from "../live/outbox.server";
import { followersOf, notifyUsers } from "../notifications/notifications.server";
import { renderMarkdown } from "../content/markdown.server";
import type { WriteResult } from "../result";

export type TimelineProblem = "project_not_found" | "invalid_transition" | "reason_required" | "results_required";
type Outcome = WriteResult<TimelineProblem>;

/** upcoming → ongoing → completed; upcoming or ongoing → cancelled. Nothing leaves completed or cancelled. */
const transitions: Record<ProjectStatus, ProjectStatus[]> = {
  upcoming: ["ongoing", "cancelled"],
  ongoing: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export function allowedTransitions(from: ProjectStatus): ProjectStatus[] {
  return transitions[from];
}

async function lockProject(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], projectId: number) {
  const [project] = await tx.select().from(labProjects).where(eq(labProjects.id, projectId)).for("update");
  return project ?? null;
}

/** A written update on the timeline; followers are notified. */
export async function postProjectUpdate(db: Db, input: { actorId: string; projectId: number; body: string }): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const project = await lockProject(tx, input.projectId);
    if (!project) return { ok: false, problem: "project_not_found" } as const;
    const [update] = await tx
      .insert(projectUpdates)
      .values({ projectId: project.id, authorId: input.actorId, kind: "update", body: input.body })
      .returning();
    const events: LiveEvent[] = [
      await recordEvent(tx, `project:${project.id}`, "project.update", {
        id: update.id,
        projectId: project.id,
        bodyHtml: renderMarkdown(update.body),
        createdAt: update.createdAt.toISOString(),
      }),
    ];
    const followers = (await followersOf(tx, "project", [project.id])).filter((id) => id !== input.actorId);
    events.push(
      ...(await notifyUsers(tx, followers, {
        kind: "project.update",
        data: { projectId: project.id, projectSlug: project.slug, projectTitle: project.title },
        link: `/projekt/${project.slug}`,
      })),
    );
    return { ok: true, events } as const;
  });
}

/**
 * Moves a project along its life cycle. Completing needs a results summary, cancelling a
 * public reason; the change lands on the timeline and in the public audit log, and
 * followers are notified.
 */
export async function changeProjectStatus(
  db: Db,
  input: { actorId: string; projectId: number; to: ProjectStatus; note?: string; resultsSummary?: string; reason?: string },
): Promise<Outcome> {
  const note = input.note?.trim() ?? "";
  const reason = input.reason?.trim() ?? "";
  const results = input.resultsSummary?.trim() ?? "";
  if (input.to === "cancelled" && !reason) return { ok: false, problem: "reason_required" };
  if (input.to === "completed" && !results) return { ok: false, problem: "results_required" };
  return db.transaction(async (tx) => {
    const project = await lockProject(tx, input.projectId);
    if (!project) return { ok: false, problem: "project_not_found" } as const;
    if (!transitions[project.status].includes(input.to)) return { ok: false, problem: "invalid_transition" } as const;
    const now = new Date();
    await tx
      .update(labProjects)
      .set({
        status: input.to,
        statusChangedAt: now,
        ...(input.to === "completed" ? { resultsSummary: results } : {}),
        ...(input.to === "cancelled" ? { cancelReason: reason } : {}),
      })
      .where(eq(labProjects.id, project.id));
    const body = input.to === "cancelled" ? reason : note;
    const [update] = await tx
      .insert(projectUpdates)
      .values({
        projectId: project.id,
        authorId: input.actorId,
        kind: "status",
        body,
        fromStatus: project.status,
        toStatus: input.to,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "project.status",
      targetType: "project",
      targetId: project.id,
      reason: reason || note || null,
      details: { from: project.status, to: input.to },
    });
    const events: LiveEvent[] = [
      await recordEvent(tx, `project:${project.id}`, "project.status", {
        id: update.id,
        projectId: project.id,
        from: project.status,
        to: input.to,
        bodyHtml: body ? renderMarkdown(body) : null,
        createdAt: now.toISOString(),
      }),
    ];
    const followers = (await followersOf(tx, "project", [project.id])).filter((id) => id !== input.actorId);
    events.push(
      ...(await notifyUsers(tx, followers, {
        kind: "project.status",
        data: {
          projectId: project.id,
          projectSlug: project.slug,
          projectTitle: project.title,
          from: project.status,
          to: input.to,
          reason: reason || null,
        },
        link: `/projekt/${project.slug}`,
      })),
    );
    return { ok: true, events } as const;
  });
}
