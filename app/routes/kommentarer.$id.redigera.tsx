import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useForm, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { deleteComment, getComment, updateComment } from "../domain/comments/comments.server";
import { commentSchema } from "../domain/ideas/schemas";
import { conflict, notFound, parseId } from "../http/responses.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "comment.editTitle" });

async function loadOwnComment(
  request: Request,
  context: LoaderFunctionArgs["context"],
  idParam: string | undefined,
  action: "comment.edit" | "comment.delete",
) {
  const id = parseId(idParam);
  const comment = id ? await getComment(context.database.db, id) : null;
  if (!comment) throw notFound(request, "forum.commentNotFound");
  const user = await requirePermission(request, context, action, { ownerId: comment.authorId });
  if (comment.deletedAt) throw conflict(request, "comment.deleted", 410);
  return { comment, user };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { comment } = await loadOwnComment(request, context, params.id, "comment.edit");
  return { comment: { id: comment.id, ideaId: comment.ideaId, body: comment.body } };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    const { comment } = await loadOwnComment(request, context, params.id, "comment.delete");
    const outcome = await deleteComment(context.database.db, { commentId: comment.id });
    if (outcome.ok) commit(context, outcome.events);
    throw redirect(`/ideer/${comment.ideaId}#kommentar-${comment.id}`);
  }
  const { comment, user } = await loadOwnComment(request, context, params.id, "comment.edit");
  const submission = parseWithZod(formData, { schema: commentSchema.omit({ parentId: true }) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await updateComment(context.database.db, {
    commentId: comment.id,
    editorId: user.id,
    body: submission.value.body,
  });
  if (!outcome.ok) throw notFound(request, "forum.commentNotFound");
  commit(context, outcome.events);
  throw redirect(`/ideer/${comment.ideaId}#kommentar-${comment.id}`);
}

export default function EditComment() {
  const { t } = useTranslation();
  const { comment } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "edit-comment",
    lastResult,
    defaultValue: { body: comment.body },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentSchema.omit({ parentId: true }) }),
  });
  return (
    <div className="stack form">
      <h1>{t("comment.editTitle")}</h1>
      <p>
        <Link to={`/ideer/${comment.ideaId}#kommentar-${comment.id}`}>{t("comment.backToIdea")}</Link>
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <Field meta={fields.body} label={t("comment.body")} hint={t("comment.bodyHint")} multiline />
        <button type="submit" name="intent" value="save" className="primary">
          {t("comment.save")}
        </button>
      </Form>
      <section className="card danger-zone" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t("comment.delete")}</h2>
        <p>{t("comment.deleteExplain")}</p>
        <Form method="post">
          <button type="submit" name="intent" value="delete" className="secondary">
            {t("comment.delete")}
          </button>
        </Form>
      </section>
    </div>
  );
}
