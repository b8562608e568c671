import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { projectStatuses, type ProjectStatus } from "../../../db/schema";
import { inScope, selectRows, since, weekOf, type Scope } from "./scope.server";

/** The figures anyone may see. Counts only: no names, no user ids leave this module. */

export interface ActivityWeek {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  ideas: number;
  comments: number;
  supports: number;
  participants: number;
}

export interface Funnel {
  ideas: number;
  reachedThreshold: number;
  promoted: number;
  ongoing: number;
  completed: number;
}

export interface DecisionTime {
  decisions: number;
  promoted: number;
  declined: number;
  medianDays: number | null;
}

export interface Window {
  start: Date | null;
  now: Date;
}

const visibleIdea = sql`i.deleted_at is null and i.hidden = false`;

/** The weeks shown: from the period's start (or the first idea in scope) to now, every week present. */
export function weeksSql(scope: Scope, window: Window): SQL {
  const first = window.start
    ? sql`${window.start.toISOString()}::timestamptz`
    : sql`coalesce((select min(i.created_at) from ideas i where ${inScope(sql`i.challenge_id`, scope)}), ${window.now.toISOString()}::timestamptz)`;
  const now = sql`${window.now.toISOString()}::timestamptz`;
  return sql`select generate_series(${weekOf(first)}, ${weekOf(now)}, interval '1 week') as week`;
}

/** Every idea, comment and support in scope and period, with its week and the person behind it. */
function eventsSql(scope: Scope, window: Window): SQL {
  const now = sql`${window.now.toISOString()}::timestamptz`;
  const scoped = inScope(sql`i.challenge_id`, scope);
  return sql`select ${weekOf(sql`i.created_at`)} as week, 'idea' as kind, i.author_id as user_id
      from ideas i
      where ${visibleIdea} and ${scoped} and ${since(sql`i.created_at`, window.start)} and i.created_at <= ${now}
    union all
    select ${weekOf(sql`c.created_at`)}, 'comment', c.author_id
      from comments c join ideas i on i.id = c.idea_id
      where c.deleted_at is null and c.hidden = false and ${visibleIdea} and ${scoped}
        and ${since(sql`c.created_at`, window.start)} and c.created_at <= ${now}
    union all
    select ${weekOf(sql`s.created_at`)}, 'support', s.user_id
      from idea_supports s join ideas i on i.id = s.idea_id
      where ${visibleIdea} and ${scoped} and ${since(sql`s.created_at`, window.start)} and s.created_at <= ${now}`;
}

/**
 * Ideas, comments and supports per week and the people behind them (once a week each), and in the
 * same scan the people who took part at all in the period (one person counts once, not once a week).
 */
export async function activityPerWeek(
  db: Db,
  scope: Scope,
  window: Window,
): Promise<{ weeks: ActivityWeek[]; participants: number }> {
  const rows = await selectRows<ActivityWeek & { week: string | null }>(
    db,
    sql`with weeks as (${weeksSql(scope, window)}), events as (${eventsSql(scope, window)})
    select to_char(w.week, 'YYYY-MM-DD') as week,
           count(e.kind) filter (where e.kind = 'idea')::int as ideas,
           count(e.kind) filter (where e.kind = 'comment')::int as comments,
           count(e.kind) filter (where e.kind = 'support')::int as supports,
           count(distinct e.user_id)::int as participants
    from weeks w left join events e on e.week = w.week
    group by grouping sets ((w.week), ())
    order by w.week nulls last`,
  );
  const total = rows.find((r) => r.week === null);
  return {
    weeks: rows
      .filter((r) => r.week !== null)
      .map((r) => ({
        week: r.week!,
        ideas: Number(r.ideas),
        comments: Number(r.comments),
        supports: Number(r.supports),
        participants: Number(r.participants),
      })),
    participants: Number(total?.participants ?? 0),
  };
}

/**
 * What became of the ideas posted in the period. "Reached the threshold" counts every idea that went
 * to the lab's review (also those staff took up early), so each step is part of the one before.
 * A project counts as ongoing once it has been ongoing, even if it is completed now.
 */
export async function ideaFunnel(db: Db, scope: Scope, window: Window): Promise<Funnel> {
  const [row] = await selectRows<Record<keyof Funnel, number>>(
    db,
    sql`select count(*)::int as "ideas",
           count(r.idea_id)::int as "reachedThreshold",
           count(*) filter (where i.status = 'promoted')::int as "promoted",
           count(*) filter (where i.status = 'promoted' and (p.status in ('ongoing', 'completed')
             or exists (select 1 from project_updates u where u.project_id = p.id and u.to_status = 'ongoing')))::int as "ongoing",
           count(*) filter (where i.status = 'promoted' and p.status = 'completed')::int as "completed"
    from ideas i
    left join idea_reviews r on r.idea_id = i.id
    left join project_ideas pi on pi.idea_id = i.id
    left join lab_projects p on p.id = pi.project_id
    where ${visibleIdea} and ${inScope(sql`i.challenge_id`, scope)} and ${since(sql`i.created_at`, window.start)}
      and i.created_at <= ${window.now.toISOString()}::timestamptz`,
  );
  return {
    ideas: Number(row.ideas),
    reachedThreshold: Number(row.reachedThreshold),
    promoted: Number(row.promoted),
    ongoing: Number(row.ongoing),
    completed: Number(row.completed),
  };
}

/** Days from posting to the lab's first decision (promote or decline), for decisions made in the period. */
export async function decisionTime(db: Db, scope: Scope, window: Window): Promise<DecisionTime> {
  const [row] = await selectRows<{ decisions: number; promoted: number; declined: number; median_days: number | null }>(
    db,
    sql`select count(*)::int as decisions,
           count(*) filter (where a.action = 'idea.promote')::int as promoted,
           count(*) filter (where a.action = 'idea.decline')::int as declined,
           (percentile_cont(0.5) within group (order by extract(epoch from (a.created_at - i.created_at))::float8) / 86400)::float8 as median_days
    from (
      select distinct on (target_id) target_id, action, created_at
      from moderation_actions
      where target_type = 'idea' and action in ('idea.promote', 'idea.decline')
      order by target_id, created_at, id
    ) a
    join ideas i on i.id::text = a.target_id
    where ${inScope(sql`i.challenge_id`, scope)} and ${since(sql`a.created_at`, window.start)}
      and a.created_at <= ${window.now.toISOString()}::timestamptz`,
  );
  return {
    decisions: Number(row.decisions),
    promoted: Number(row.promoted),
    declined: Number(row.declined),
    medianDays: row.median_days === null ? null : Number(row.median_days),
  };
}

export interface ProjectFigures {
  byStatus: { status: ProjectStatus; projects: number }[];
  byPartner: { slug: string; name: string; projects: number }[];
  byGoal: { goal: number; projects: number }[];
}

/** Projects started in the period; a project with several partners or goals counts once under each. */
export async function projectFigures(db: Db, scope: Scope, window: Window): Promise<ProjectFigures> {
  const where = sql`${inScope(sql`p.challenge_id`, scope)} and ${since(sql`p.created_at`, window.start)}
    and p.created_at <= ${window.now.toISOString()}::timestamptz`;
  const [statusRows, partnerRows, goalRows] = await Promise.all([
    selectRows<{ status: ProjectStatus; projects: number }>(
      db,
      sql`select p.status, count(*)::int as projects from lab_projects p where ${where} group by p.status`,
    ),
    selectRows<{ slug: string; name: string; projects: number }>(
      db,
      sql`select pa.slug, pa.name, count(*)::int as projects
      from lab_projects p join project_partners pp on pp.project_id = p.id join partners pa on pa.id = pp.partner_id
      where ${where} group by pa.id, pa.slug, pa.name order by count(*) desc, pa.name`,
    ),
    selectRows<{ goal: number; projects: number }>(
      db,
      sql`select g.goal::int as goal, count(*)::int as projects
      from lab_projects p cross join lateral unnest(p.sdg_goals) as g(goal)
      where ${where} group by g.goal order by g.goal`,
    ),
  ]);
  const counts = new Map(statusRows.map((r) => [r.status, Number(r.projects)]));
  return {
    byStatus: projectStatuses.map((status) => ({ status, projects: counts.get(status) ?? 0 })),
    byPartner: partnerRows.map((r) => ({ ...r, projects: Number(r.projects) })),
    byGoal: goalRows.map((r) => ({ goal: Number(r.goal), projects: Number(r.projects) })),
  };
}

export interface TopIdea {
  id: number;
  title: string;
  supportsInPeriod: number;
  supportsTotal: number;
}

/** Open ideas with the most supports given in the period (all time: their whole support). */
export async function topOpenIdeas(db: Db, scope: Scope, window: Window, limit = 10): Promise<TopIdea[]> {
  const rows = await selectRows<{ id: number; title: string; in_period: number; total: number }>(
    db,
    sql`select i.id, i.title, count(*)::int as in_period, i.support_count as total
    from ideas i join idea_supports s on s.idea_id = i.id
    where i.status = 'open' and ${visibleIdea} and ${inScope(sql`i.challenge_id`, scope)}
      and ${since(sql`s.created_at`, window.start)} and s.created_at <= ${window.now.toISOString()}::timestamptz
    group by i.id order by count(*) desc, i.support_count desc, i.id limit ${limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    supportsInPeriod: Number(r.in_period),
    supportsTotal: Number(r.total),
  }));
}
