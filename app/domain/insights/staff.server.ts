import { sql, type SQL } from "drizzle-orm";
import { decisionKinds } from "../audit/actions";
import type { Db } from "../../../db/client";
import { inScope, selectRows, since, weekOf, type Scope } from "./scope.server";
import { weeksSql, type Window } from "./public.server";

/** Moderation figures, for moderators, lab staff and admins only. */

export interface ReportWeek {
  week: string;
  reports: number;
}

export interface ModerationFigures {
  /** Moderators' decisions on posts and people in the period (the audit log's, queue or not). */
  decisions: number;
  /** Cases in the review queue decided in the period. */
  decided: number;
  medianHoursToDecision: number | null;
  appealsDecided: number;
  /** Appeals where the author was right: the content was restored or the suspension lifted. */
  appealsUpheld: number;
}

/**
 * Whether a reported or reviewed target belongs to the scope: an idea in its challenges or a comment
 * on such an idea. Reports on user accounts belong to no challenge and count only for the whole forum.
 */
function targetInScope(type: SQL, id: SQL, scope: Scope): SQL {
  if (scope.challengeIds === null) return sql`true`;
  const scoped = inScope(sql`i.challenge_id`, scope);
  // The CASE keeps user ids (not numbers) away from the cast.
  return sql`((${type} = 'idea' and exists (select 1 from ideas i
      where i.id = (case when ${type} = 'idea' then ${id}::int end) and ${scoped}))
    or (${type} = 'comment' and exists (select 1 from comments c join ideas i on i.id = c.idea_id
      where c.id = (case when ${type} = 'comment' then ${id}::int end) and ${scoped})))`;
}

export async function reportsPerWeek(db: Db, scope: Scope, window: Window): Promise<ReportWeek[]> {
  const rows = await selectRows<ReportWeek>(
    db,
    sql`with weeks as (${weeksSql(scope, window)}),
    scoped as (
      select ${weekOf(sql`r.created_at`)} as week from reports r
      where ${targetInScope(sql`r.target_type`, sql`r.target_id`, scope)}
        and ${since(sql`r.created_at`, window.start)} and r.created_at <= ${window.now.toISOString()}::timestamptz
    )
    select to_char(w.week, 'YYYY-MM-DD') as week, count(s.week)::int as reports
    from weeks w left join scoped s on s.week = w.week
    group by w.week order by w.week`,
  );
  return rows.map((r) => ({ week: r.week, reports: Number(r.reports) }));
}

/** Review cases resolved in the period: how long they waited, and how appeals went. */
export async function moderationFigures(db: Db, scope: Scope, window: Window): Promise<ModerationFigures> {
  const [row] = await selectRows<{ decided: number; median_hours: number | null; appeals: number; upheld: number }>(
    db,
    sql`select count(*)::int as decided,
           (percentile_cont(0.5) within group (order by extract(epoch from (v.resolved_at - v.created_at))::float8) / 3600)::float8 as median_hours,
           count(*) filter (where v.origin = 'appeal')::int as appeals,
           count(*) filter (where v.origin = 'appeal' and v.status = 'approved')::int as upheld
    from review_items v
    where v.status <> 'pending' and v.resolved_at is not null
      and ${targetInScope(sql`v.target_type`, sql`v.target_id`, scope)}
      and ${since(sql`v.resolved_at`, window.start)} and v.resolved_at <= ${window.now.toISOString()}::timestamptz`,
  );
  const decisionActions = (["idea", "comment", "user"] as const).flatMap((type) =>
    decisionKinds.map((kind) => `${type}.${kind}`),
  );
  const [made] = await selectRows<{ decisions: number }>(
    db,
    sql`select count(*)::int as decisions from moderation_actions m
    where m.action in (${sql.join(
      decisionActions.map((action) => sql`${action}`),
      sql`, `,
    )})
      and ${targetInScope(sql`m.target_type`, sql`m.target_id`, scope)}
      and ${since(sql`m.created_at`, window.start)} and m.created_at <= ${window.now.toISOString()}::timestamptz`,
  );
  return {
    decisions: Number(made.decisions),
    decided: Number(row.decided),
    medianHoursToDecision: row.median_hours === null ? null : Number(row.median_hours),
    appealsDecided: Number(row.appeals),
    appealsUpheld: Number(row.upheld),
  };
}
