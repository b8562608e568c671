import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getPublicProfile, listProfileComments, listProfileIdeas } from "../domain/profiles/profiles.server";
import { PageLinks } from "../ui/PageLinks";
import { formatDate } from "../ui/format-date";
import { pageTitle } from "../ui/meta";
import { ModerateLink, ReportButton } from "../ui/moderation/ReportButton";
import { notFound } from "../http/responses.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, { text: data?.profile.displayName ?? "" });

const userIdSchema = z.string().regex(/^[a-z0-9]{1,64}$/);
const pageSchema = z.coerce.number().int().min(1).max(1000).catch(1);

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const db = context.database.db;
  const id = userIdSchema.safeParse(params.id);
  const profile = id.success ? await getPublicProfile(db, id.data) : null;
  if (!profile) throw notFound(request, "errors.userNotFound");
  const url = new URL(request.url);
  const [ideas, comments] = await Promise.all([
    listProfileIdeas(db, profile.id, pageSchema.parse(url.searchParams.get("ideer") ?? 1)),
    listProfileComments(db, profile.id, pageSchema.parse(url.searchParams.get("kommentarer") ?? 1)),
  ]);
  return { profile, ideas, comments };
}

export default function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { profile, ideas, comments } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="profile-header">
        <h1>{profile.displayName}</h1>
        <p className="muted">
          {`${t("profile.role", { role: t(`role.${profile.role}`) })} · ${t("profile.memberSince", { date: formatDate(profile.memberSince, i18n.language) })}`}
        </p>
        <p>
          <ReportButton type="user" id={profile.id} ownerId={profile.id} />{" "}
          <ModerateLink type="user" id={profile.id} ownerId={profile.id} />
        </p>
      </header>

      <section aria-labelledby="profile-ideas" className="stack">
        <h2 id="profile-ideas">{t("profile.ideasTitle", { count: ideas.total })}</h2>
        {ideas.items.length === 0 ? <p>{t("profile.noIdeas", { name: profile.displayName })}</p> : null}
        <ul className="card-list">
          {ideas.items.map((idea) => (
            <li key={idea.id} className="card">
              <h3>
                <Link to={`/ideer/${idea.id}`}>{idea.title}</Link>
              </h3>
              <p className="muted">
                <Link to={`/utmaningar/${idea.challengeSlug}`}>{t("profile.inChallenge", { title: idea.challengeTitle })}</Link>
                {" · "}
                {t(`search.status.${idea.status}`)}
                {" · "}
                {t("profile.supports", { count: idea.supportCount })}
                {" · "}
                {t("profile.comments", { count: idea.commentCount })}
                {" · "}
                <time dateTime={new Date(idea.createdAt).toISOString()}>{formatDate(idea.createdAt, i18n.language)}</time>
              </p>
            </li>
          ))}
        </ul>
        <PageLinks page={ideas.page} pageCount={ideas.pageCount} param="ideer" label={t("profile.ideasPager")} />
      </section>

      <section aria-labelledby="profile-comments" className="stack">
        <h2 id="profile-comments">{t("profile.commentsTitle", { count: comments.total })}</h2>
        {comments.items.length === 0 ? <p>{t("profile.noComments", { name: profile.displayName })}</p> : null}
        <ul className="card-list">
          {comments.items.map((comment) => (
            <li key={comment.id} className="card">
              <p>
                <Link to={`/ideer/${comment.ideaId}#kommentar-${comment.id}`}>
                  {t("profile.onIdea", { title: comment.ideaTitle })}
                </Link>
              </p>
              <blockquote className="excerpt">{comment.excerpt}</blockquote>
              <p className="muted">
                <time dateTime={new Date(comment.createdAt).toISOString()}>{formatDate(comment.createdAt, i18n.language)}</time>
              </p>
            </li>
          ))}
        </ul>
        <PageLinks page={comments.page} pageCount={comments.pageCount} param="kommentarer" label={t("profile.commentsPager")} />
      </section>
    </div>
  );
}
