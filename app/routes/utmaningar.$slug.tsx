import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getChallenge } from "../domain/catalog/catalog.server";
import { GoalTags, PerspectiveTags, StatusBadge } from "../ui/Tags";
import { feedLink, pageTitle } from "../ui/meta";
import { listChallengeIdeas, isIdeaStatus } from "../domain/ideas/list.server";
import { listPinnedIdeas } from "../domain/moderation/pinned.server";
import { PinnedIdeas } from "../ui/moderation/PinnedIdeas";
import { notFound, parseId } from "../http/responses.server";
import { IdeaList, sortParams, type SortParam } from "../ui/forum/IdeaList";
import { useLiveRevalidation } from "../realtime/hooks";
import { useLive } from "../realtime/LiveProvider";
import { getUser } from "../auth/session.server";
import { isFollowing } from "../domain/notifications/notifications.server";
import { FollowButton } from "../ui/FollowButton";
import { PromotionCriteria } from "../ui/lab/PromotionCriteria";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...pageTitle(matches, { text: data?.challenge.title ?? "" }, data?.challenge.summary),
  ...(data
    ? [feedLink(matches, `/utmaningar/${data.challenge.slug}/ideer.atom`, "news.ideasFeedTitle", { title: data.challenge.title })]
    : []),
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  // The challenge's room cursor is read by the same statement as the challenge, before the rest of
  // the data: events after it are replayed live, so none is lost in between.
  const found = await getChallenge(context.database.db, params.slug ?? "");
  if (!found) throw notFound(request, "forum.challengeNotFound");
  const { liveCursor, ...challenge } = found;
  const url = new URL(request.url);
  const sortParam = url.searchParams.get("sortering") ?? "";
  // Object.hasOwn, not `in`: "toString" or "constructor" are in every object through its prototype.
  const sort: SortParam = Object.hasOwn(sortParams, sortParam) ? (sortParam as SortParam) : "populara";
  const statusParam = url.searchParams.get("status");
  const status = isIdeaStatus(statusParam) ? statusParam : null;
  const after = parseId(url.searchParams.get("efter")) ?? undefined;
  const ideaPage = await listChallengeIdeas(context.database.db, {
    challengeId: challenge.id,
    sort: sortParams[sort],
    status: status ?? undefined,
    after,
  });
  const ideas = ideaPage.ideas.map((idea) => ({ ...idea, createdAt: idea.createdAt.toISOString() }));
  const following = user ? await isFollowing(context.database.db, user.id, "challenge", challenge.id) : null;
  const pinned = await listPinnedIdeas(context.database.db, challenge.id);
  return {
    challenge,
    ideaList: { ...ideaPage, ideas, sort, status, isFirstPage: after === undefined },
    now: Date.now(),
    liveCursor,
    following,
    pinned,
  };
}

export default function ChallengePage() {
  const { t } = useTranslation();
  const { challenge, ideaList, now, liveCursor, following, pinned } = useLoaderData<typeof loader>();
  const { announce } = useLive();
  useLiveRevalidation(`challenge:${challenge.id}`, {
    after: liveCursor,
    onEvent: (event) => event.type === "idea.created" && announce(t("live.newIdeasAnnouncement", { count: 1 })),
  });
  return (
    <article className="stack">
      <nav aria-label={t("nav.breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/utmaningar">{t("nav.challenges")}</Link>
          </li>
          <li>
            <Link to={`/fokusomraden/${challenge.focusArea.slug}`}>{challenge.focusArea.name}</Link>
          </li>
        </ol>
      </nav>
      <header>
        <h1>{challenge.title}</h1>
        <p>
          <StatusBadge status={challenge.status} />
        </p>
        <p className="lead">{challenge.summary}</p>
      </header>
      <p>{challenge.description}</p>
      {challenge.status !== "open" ? <p className="notice">{t("challenge.closedNotice")}</p> : null}
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading" className="visually-hidden">
          {t("challenge.facts")}
        </h2>
        <h3>{t("challenge.goals")}</h3>
        <GoalTags goals={challenge.sdgGoals} />
        <h3>{t("challenge.perspectives")}</h3>
        <PerspectiveTags perspectives={challenge.perspectives} />
        <h3>{t("challenge.owners")}</h3>
        <ul>
          {challenge.owners.map((o) => (
            <li key={o.slug}>{o.name}</li>
          ))}
        </ul>
        <p className="muted">{t("challenge.threshold", { count: challenge.supportThreshold })}</p>
        <PromotionCriteria threshold={challenge.supportThreshold} />
        {following !== null ? (
          <FollowButton
            targetType="challenge"
            targetId={challenge.id}
            following={following}
            labels={{ on: t("follow.challenge"), off: t("follow.challengeOff") }}
          />
        ) : null}
      </section>
      <section id="ideer" aria-labelledby="ideas-heading" className="stack">
        <div className="section-head">
          <h2 id="ideas-heading">{t("idea.listTitle")}</h2>
          {challenge.status === "open" ? (
            <Link to={`/utmaningar/${challenge.slug}/ny-ide`} className="button">
              {t("idea.share")}
            </Link>
          ) : (
            <span className="muted">{t("idea.challengeClosedShort")}</span>
          )}
        </div>
        <PinnedIdeas ideas={pinned} />
        <IdeaList
          challengeSlug={challenge.slug}
          ideas={ideaList.ideas}
          sort={ideaList.sort}
          status={ideaList.status}
          nextCursor={ideaList.nextCursor}
          isFirstPage={ideaList.isFirstPage}
          now={now}
          threshold={challenge.supportThreshold}
        />
      </section>
    </article>
  );
}
