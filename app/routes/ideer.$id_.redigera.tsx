import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { deleteIdea, getIdea, updateIdea } from "../domain/ideas/ideas.server";
import { ideaDraftSchema, ideaSchema } from "../domain/ideas/schemas";
import { renderMarkdown } from "../domain/content/markdown.server";
import { conflict, notFound, parseId } from "../http/responses.server";
import { IdeaForm } from "../ui/forum/IdeaForm";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "idea.editTitle" });

/** The idea, if it exists and is still there to edit; only its author gets this far. */
async function loadOwnIdea(
  request: Request,
  context: LoaderFunctionArgs["context"],
  idParam: string | undefined,
  action: "idea.edit" | "idea.delete",
) {
  const id = parseId(idParam);
  const idea = id ? await getIdea(context.database.db, id) : null;
  if (!idea) throw notFound(request, "forum.ideaNotFound");
  const user = await requirePermission(request, context, action, { ownerId: idea.authorId });
  if (idea.deletedAt) throw conflict(request, "idea.deletedByAuthor", 410);
  return { idea, user };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { idea } = await loadOwnIdea(request, context, params.id, "idea.edit");
  return { idea: { id: idea.id, title: idea.title, body: idea.body } };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "delete") {
    const { idea } = await loadOwnIdea(request, context, params.id, "idea.delete");
    const outcome = await deleteIdea(context.database.db, { ideaId: idea.id });
    if (outcome.ok) commit(context, outcome.events);
    throw redirect(`/ideer/${idea.id}`);
  }
  const { idea, user } = await loadOwnIdea(request, context, params.id, "idea.edit");
  if (intent === "preview") {
    const draft = parseWithZod(formData, { schema: ideaDraftSchema });
    const body = draft.status === "success" ? (draft.value.body ?? "") : "";
    return { result: draft.reply(), previewHtml: body.trim() ? renderMarkdown(body) : null };
  }
  const submission = parseWithZod(formData, { schema: ideaSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), previewHtml: null }, { status: 400 });
  const outcome = await updateIdea(context.database.db, { ...submission.value, ideaId: idea.id, editorId: user.id });
  if (!outcome.ok) throw notFound(request, "forum.ideaNotFound");
  commit(context, outcome.events);
  throw redirect(`/ideer/${idea.id}`);
}

export default function EditIdea() {
  const { t } = useTranslation();
  const { idea } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>{t("idea.editTitle")}</h1>
      <p>
        <Link to={`/ideer/${idea.id}`}>{t("comment.backToIdea")}</Link>
      </p>
      <IdeaForm
        lastResult={actionData?.result}
        previewHtml={actionData?.previewHtml}
        defaultValue={{ title: idea.title, body: idea.body }}
        submitLabel={t("idea.save")}
      />
      <section className="card danger-zone" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t("idea.delete")}</h2>
        <p>{t("idea.deleteExplain")}</p>
        <Form method="post">
          <button type="submit" name="intent" value="delete" className="secondary">
            {t("idea.delete")}
          </button>
        </Form>
      </section>
    </div>
  );
}
