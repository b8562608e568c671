import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { getIdea } from "../domain/ideas/ideas.server";
import { getIdeaLabInfo } from "../domain/projects/projects.server";
import { listLabStaff, listMergeCandidates } from "../domain/lab/queue.server";
import { declineIdea, promoteIdeas } from "../domain/lab/decisions.server";
import { declineSchema, promoteSchema } from "../domain/lab/schemas";
import { listPartners } from "../domain/catalog/catalog.server";
import { commit } from "../http/commit.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { badRequest, notFound, parseId } from "../http/responses.server";
import { isActiveIdea, isRemoved } from "../domain/content/rules";
import { problemErrors, problems } from "../http/problems";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, { text: data?.idea.title ?? "" });

async function loadIdea(request: Request, params: { id?: string }, context: LoaderFunctionArgs["context"]) {
  const id = parseId(params.id);
  const idea = id !== null ? await getIdea(context.database.db, id) : null;
  if (!idea || isRemoved(idea)) throw notFound(request, "forum.ideaNotFound");
  return idea;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "lab.queue");
  const db = context.database.db;
  const idea = await loadIdea(request, params, context);
  const [lab, candidates, staff, partners] = await Promise.all([
    getIdeaLabInfo(db, idea.id),
    listMergeCandidates(db, idea.challenge.id),
    listLabStaff(db),
    listPartners(db),
  ]);
  return {
    idea: { id: idea.id, title: idea.title, body: idea.body, status: idea.status, challenge: idea.challenge },
    lab: lab!,
    candidates: candidates.filter((c) => c.id !== idea.id),
    staff,
    partners: partners.map((p) => ({ id: p.id, name: p.name })),
    userId: user.id,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "lab.decide");
  const idea = await loadIdea(request, params, context);
  const form = await request.formData();
  const intent = form.get("intent");
  const db = context.database.db;
  if (intent === "promote") {
    const submission = parseWithZod(form, { schema: promoteSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { mergeIds, ...rest } = submission.value;
    const outcome = await promoteIdeas(db, { actorId: user.id, ideaIds: [idea.id, ...mergeIds], ...rest });
    if (!outcome.ok) {
      const answer = problems.promote[outcome.problem];
      return data({ intent, result: submission.reply(problemErrors(answer)) }, { status: answer.status });
    }
    commit(context, outcome.events);
    return redirect(`/projekt/${outcome.slug}`);
  }
  if (intent === "decline") {
    const submission = parseWithZod(form, { schema: declineSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const outcome = await declineIdea(db, { actorId: user.id, ideaId: idea.id, reason: submission.value.reason });
    if (!outcome.ok) {
      const answer = problems.decline[outcome.problem];
      return data({ intent, result: submission.reply(problemErrors(answer)) }, { status: answer.status });
    }
    commit(context, outcome.events);
    return redirect(`/ideer/${idea.id}`);
  }
  throw badRequest(request, "errors.unknownAction");
}

export default function ReviewIdea() {
  const { t } = useTranslation();
  const { idea, lab, candidates, staff, partners, userId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [promoteForm, fields] = useForm({
    id: "promote-form",
    lastResult: actionData?.intent === "promote" ? actionData.result : undefined,
    defaultValue: { title: idea.title, summary: idea.body.slice(0, 2000), leadId: userId },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: promoteSchema }),
  });
  const [declineForm, declineFields] = useForm({
    id: "decline-form",
    lastResult: actionData?.intent === "decline" ? actionData.result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declineSchema }),
  });
  // One ticked box comes back as a string, several as an array.
  const chosen = (field: { initialValue?: unknown }) => new Set([field.initialValue ?? []].flat().map(String));
  const chosenPartners = chosen(fields.partnerIds);
  const chosenMerges = chosen(fields.mergeIds);
  const reviewable = isActiveIdea(idea.status);
  const below = idea.status === "open";
  return (
    <div className="stack">
      <nav aria-label={t("lab.title")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/labbet">{t("lab.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t("lab.reviewTitle", { title: idea.title })}</h1>
      <p>
        <Link to={`/ideer/${idea.id}`}>{idea.title}</Link> · {idea.challenge.title} · {t(`idea.status.${idea.status}`)} ·{" "}
        {t("threshold.progress", lab.progress)}
      </p>
      {!reviewable ? <p className="notice">{t("lab.problems.idea_not_reviewable")}</p> : null}
      {reviewable && below ? <p className="notice">{t("lab.belowThreshold", lab.progress)}</p> : null}
      {reviewable ? (
        <>
          <section className="card form" aria-labelledby="promote-heading">
            <h2 id="promote-heading">{t("lab.promoteTitle")}</h2>
            <Form method="post" {...getFormProps(promoteForm)}>
              <FormErrors form={promoteForm} />
              <input type="hidden" name="intent" value="promote" />
              <Field meta={fields.title} label={t("lab.projectTitle")} />
              <Field meta={fields.summary} label={t("lab.projectSummary")} multiline />
              <div className="field">
                <label htmlFor="promote-lead">{t("lab.lead_label")}</label>
                <select
                  id="promote-lead"
                  name="leadId"
                  defaultValue={(fields.leadId.initialValue as string | undefined) ?? userId}
                >
                  {staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.displayName}
                    </option>
                  ))}
                </select>
              </div>
              <fieldset className="field">
                <legend>{t("lab.partners")}</legend>
                <p className="hint">{t("lab.partnersHint")}</p>
                {partners.map((p) => (
                  <label key={p.id} className="check">
                    <input type="checkbox" name="partnerIds" value={p.id} defaultChecked={chosenPartners.has(String(p.id))} />{" "}
                    {p.name}
                  </label>
                ))}
              </fieldset>
              {candidates.length ? (
                <fieldset className="field">
                  <legend>{t("lab.mergeWith")}</legend>
                  <p className="hint">{t("lab.mergeHint")}</p>
                  {candidates.map((c) => (
                    <label key={c.id} className="check">
                      <input type="checkbox" name="mergeIds" value={c.id} defaultChecked={chosenMerges.has(String(c.id))} />{" "}
                      {c.title} ({t("idea.supports", { count: c.supportCount })})
                    </label>
                  ))}
                </fieldset>
              ) : null}
              <Field meta={fields.reason} label={t("lab.reason")} hint={t("lab.reasonBelowHint")} multiline />
              <button type="submit" className="primary">
                {t("lab.promote")}
              </button>
            </Form>
          </section>
          <section className="card form" aria-labelledby="decline-heading">
            <h2 id="decline-heading">{t("lab.declineTitle")}</h2>
            <Form method="post" {...getFormProps(declineForm)}>
              <FormErrors form={declineForm} />
              <input type="hidden" name="intent" value="decline" />
              <Field meta={declineFields.reason} label={t("lab.declineReason")} multiline />
              <button type="submit" className="secondary">
                {t("lab.decline")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}
