import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { getUser, requirePermission } from "../auth/session.server";
import { can } from "../auth/permissions";
import { getProjectBySlug } from "../domain/projects/projects.server";
import { allowedTransitions, changeProjectStatus, postProjectUpdate } from "../domain/projects/timeline.server";
import { projectStatusSchema, projectUpdateSchema } from "../domain/projects/schemas";
import { isFollowing } from "../domain/notifications/notifications.server";
import { commit } from "../http/commit.server";
import { useLiveRevalidation } from "../realtime/hooks";
import { FollowButton } from "../ui/FollowButton";
import { Field, FormErrors } from "../ui/forms";
import { GoalTags, PerspectiveTags } from "../ui/Tags";
import { formatDate } from "../ui/format-date";
import { feedLink, pageTitle } from "../ui/meta";
import { badRequest, notFound } from "../http/responses.server";
import { problemErrors, problems } from "../http/problems";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...pageTitle(matches, { text: data?.project.title ?? "" }, data?.project.summary),
  feedLink(matches, "/projekt/uppdateringar.atom", "news.projectsFeedTitle"),
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = context.database.db;
  const user = await getUser(request, context);
  // The project's room cursor is read by the same statement as the project, before the rest of its
  // data: events after it are replayed live, so none is lost in between.
  const found = await getProjectBySlug(db, params.slug ?? "");
  if (!found) throw notFound(request, "errors.projectNotFound");
  const { liveCursor, ...project } = found;
  return {
    project,
    liveCursor,
    signedIn: Boolean(user),
    following: user ? await isFollowing(db, user.id, "project", project.id) : false,
    canManage: can(user, "project.manage"),
    transitions: allowedTransitions(project.status),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "project.manage");
  const db = context.database.db;
  const project = await getProjectBySlug(db, params.slug ?? "");
  if (!project) throw notFound(request, "errors.projectNotFound");
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "update") {
    const submission = parseWithZod(form, { schema: projectUpdateSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), done: false }, { status: 400 });
    const outcome = await postProjectUpdate(db, { actorId: user.id, projectId: project.id, body: submission.value.body });
    if (!outcome.ok) {
      const answer = problems.projectUpdate[outcome.problem];
      return data({ intent, result: submission.reply(problemErrors(answer)), done: false }, { status: answer.status });
    }
    commit(context, outcome.events);
    return { intent, result: submission.reply({ resetForm: true }), done: true };
  }
  if (intent === "status") {
    const submission = parseWithZod(form, { schema: projectStatusSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), done: false }, { status: 400 });
    const outcome = await changeProjectStatus(db, { actorId: user.id, projectId: project.id, ...submission.value });
    if (!outcome.ok) {
      const answer = problems.projectStatus[outcome.problem];
      return data({ intent, result: submission.reply(problemErrors(answer)), done: false }, { status: answer.status });
    }
    commit(context, outcome.events);
    return { intent, result: submission.reply({ resetForm: true }), done: true };
  }
  throw badRequest(request, "errors.unknownAction");
}

export default function ProjectPage() {
  const { t, i18n } = useTranslation();
  const { project, liveCursor, signedIn, following, canManage, transitions } = useLoaderData<typeof loader>();
  useLiveRevalidation(`project:${project.id}`, { after: liveCursor });
  const status = (s: string | null) => (s ? t(`projects.statusOne.${s}`) : "");
  return (
    <article className="stack">
      <nav aria-label={t("projects.title")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/projekt">{t("projects.title")}</Link>
          </li>
        </ol>
      </nav>
      <header>
        <h1>{project.title}</h1>
        <p>
          <span className={`badge badge-${project.status}`} data-testid="project-status">
            {status(project.status)}
          </span>
        </p>
        <p className="lead">{project.summary}</p>
      </header>
      {signedIn ? (
        <FollowButton
          targetType="project"
          targetId={project.id}
          following={following}
          labels={{ on: t("projects.follow"), off: t("projects.unfollow") }}
        />
      ) : null}
      {project.status === "cancelled" && project.cancelReason ? (
        <p className="notice">
          {t("projects.cancelled")} {t("threshold.reasonLabel")} {project.cancelReason}
        </p>
      ) : null}
      {project.resultsHtml ? (
        <section className="card" id="resultat" aria-labelledby="results-heading">
          <h2 id="results-heading">{t("projects.results")}</h2>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: project.resultsHtml }} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("projects.facts")}</h2>
        {project.challenge ? (
          <p>
            {t("projects.challenge")}: <Link to={`/utmaningar/${project.challenge.slug}`}>{project.challenge.title}</Link> (
            {project.challenge.focusArea.name})
          </p>
        ) : null}
        <p>
          {t("projects.lead_label")}: {project.lead.displayName}
        </p>
        {project.partners.length ? (
          <p>
            {t("projects.partners")}: {project.partners.map((p) => p.name).join(", ")}
          </p>
        ) : null}
        <h3>{t("challenge.goals")}</h3>
        <GoalTags goals={project.sdgGoals} />
        <h3>{t("challenge.perspectives")}</h3>
        <PerspectiveTags perspectives={project.perspectives} />
      </section>
      {project.origins.length ? (
        <section aria-labelledby="origins-heading">
          <h2 id="origins-heading">{t("projects.origins")}</h2>
          <ul data-testid="project-origins">
            {project.origins.map((o) => (
              <li key={o.id}>
                {o.title ? <Link to={`/ideer/${o.id}`}>{o.title}</Link> : t("projects.hiddenIdea")} –{" "}
                {t("projects.originSupports", { count: Math.max(o.supportCount, o.supportCountAtPromotion) })}
              </li>
            ))}
          </ul>
          <p>{t("projects.totalSupporters", { count: project.totalSupporters })}</p>
        </section>
      ) : null}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t("projects.timeline")}</h2>
        <ol className="timeline" data-testid="timeline">
          {project.timeline.map((u) => (
            <li key={u.id} className="card">
              <p className="muted">
                <time dateTime={new Date(u.createdAt).toISOString()}>{formatDate(u.createdAt, i18n.language)}</time> ·{" "}
                {u.author.displayName}
              </p>
              {u.kind === "status" ? (
                <p>
                  <strong>
                    {u.fromStatus
                      ? t("projects.statusChange", { from: status(u.fromStatus), to: status(u.toStatus) })
                      : t("projects.created", { to: status(u.toStatus) })}
                  </strong>
                </p>
              ) : null}
              {u.bodyHtml ? <div className="markdown" dangerouslySetInnerHTML={{ __html: u.bodyHtml }} /> : null}
            </li>
          ))}
        </ol>
      </section>
      {canManage ? <StaffForms transitions={transitions} /> : null}
    </article>
  );
}

function StaffForms({ transitions }: { transitions: string[] }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [updateForm, updateFields] = useForm({
    id: "update-form",
    lastResult: actionData?.intent === "update" ? actionData.result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: projectUpdateSchema }),
  });
  const [statusForm, statusFields] = useForm({
    id: "status-form",
    lastResult: actionData?.intent === "status" ? actionData.result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: projectStatusSchema }),
  });
  return (
    <>
      <section className="card form" aria-labelledby="update-heading">
        <h2 id="update-heading">{t("projects.postUpdate")}</h2>
        {actionData?.intent === "update" && actionData.done ? (
          <p className="notice" role="status">
            {t("projects.updated")}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(updateForm)}>
          <FormErrors form={updateForm} />
          <input type="hidden" name="intent" value="update" />
          <Field meta={updateFields.body} label={t("projects.updateBody")} multiline />
          <button type="submit" className="primary">
            {t("projects.publishUpdate")}
          </button>
        </Form>
      </section>
      {transitions.length ? (
        <section className="card form" aria-labelledby="status-heading">
          <h2 id="status-heading">{t("projects.changeStatus")}</h2>
          {actionData?.intent === "status" && actionData.done ? (
            <p className="notice" role="status">
              {t("projects.statusSaved")}
            </p>
          ) : null}
          <Form method="post" {...getFormProps(statusForm)}>
            <FormErrors form={statusForm} />
            <input type="hidden" name="intent" value="status" />
            <div className="field">
              <label htmlFor={statusFields.to.id}>{t("projects.newStatus")}</label>
              <select
                id={statusFields.to.id}
                name={statusFields.to.name}
                defaultValue={statusFields.to.initialValue ?? transitions[0]}
              >
                {transitions.map((s) => (
                  <option key={s} value={s}>
                    {t(`projects.statusOne.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <Field meta={statusFields.note} label={t("projects.note")} multiline />
            {transitions.includes("completed") ? (
              <Field meta={statusFields.resultsSummary} label={t("projects.resultsSummary")} multiline />
            ) : null}
            <Field meta={statusFields.reason} label={t("projects.cancelReason")} />
            <button type="submit" className="primary">
              {t("projects.saveStatus")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
