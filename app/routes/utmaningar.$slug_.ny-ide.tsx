import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { createIdea, getChallengeForPosting } from "../domain/ideas/ideas.server";
import { ideaDraftSchema, ideaSchema } from "../domain/ideas/schemas";
import { renderMarkdown } from "../domain/content/markdown.server";
import { notFound, rateLimitHeaders, rateLimitMessage, retryAfterHeaders } from "../http/responses.server";
import { IdeaForm } from "../ui/forum/IdeaForm";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";
import { problemErrors, problems } from "../http/problems";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? { text: data.challenge.title } : { key: "idea.share" });

export const headers: HeadersFunction = retryAfterHeaders;

async function loadChallenge(request: Request, context: LoaderFunctionArgs["context"], slug: string | undefined) {
  const challenge = await getChallengeForPosting(context.database.db, slug ?? "");
  if (!challenge) throw notFound(request, "forum.challengeNotFound");
  return challenge;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const challenge = await loadChallenge(request, context, params.slug);
  await requirePermission(request, context, "idea.create");
  return { challenge };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const challenge = await loadChallenge(request, context, params.slug);
  const user = await requirePermission(request, context, "idea.create");
  const formData = await request.formData();
  if (formData.get("intent") === "preview") {
    const draft = parseWithZod(formData, { schema: ideaDraftSchema });
    const body = draft.status === "success" ? (draft.value.body ?? "") : "";
    return { result: draft.reply(), previewHtml: body.trim() ? renderMarkdown(body) : null };
  }
  const submission = parseWithZod(formData, { schema: ideaSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), previewHtml: null }, { status: 400 });
  }
  if (!challenge.acceptsIdeas) {
    return data({ result: submission.reply({ formErrors: ["idea.challengeClosed"] }), previewHtml: null }, { status: 409 });
  }
  const limited = await context.rateLimits.consumeUserAction(user.id, "idea");
  if (limited) {
    return data(
      { result: submission.reply({ formErrors: [rateLimitMessage(limited)] }), previewHtml: null },
      { status: 429, headers: rateLimitHeaders(limited) },
    );
  }
  const outcome = await createIdea(context.database.db, { ...submission.value, challengeId: challenge.id, authorId: user.id });
  if (!outcome.ok) {
    const answer = problems.idea[outcome.problem];
    return data({ result: submission.reply(problemErrors(answer)), previewHtml: null }, { status: answer.status });
  }
  commit(context, outcome.events);
  throw redirect(`/ideer/${outcome.ideaId}`);
}

export default function NewIdea() {
  const { t } = useTranslation();
  const { challenge } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <nav aria-label={t("idea.postedIn")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={`/utmaningar/${challenge.slug}`}>{challenge.title}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t("idea.newTitle", { challenge: challenge.title })}</h1>
      {challenge.acceptsIdeas ? (
        <IdeaForm lastResult={actionData?.result} previewHtml={actionData?.previewHtml} submitLabel={t("idea.publish")} />
      ) : (
        <p className="notice" role="status">
          {t("idea.challengeClosed")}
        </p>
      )}
    </div>
  );
}
