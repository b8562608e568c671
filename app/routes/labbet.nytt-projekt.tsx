import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { listChallenges, listPartners } from "../domain/catalog/catalog.server";
import { listLabStaff } from "../domain/lab/queue.server";
import { newProjectSchema } from "../domain/lab/schemas";
import { createProject } from "../domain/projects/create.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "lab.newProject" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "project.manage");
  const db = context.database.db;
  const [challenges, partners, staff] = await Promise.all([listChallenges(db), listPartners(db), listLabStaff(db)]);
  return {
    userId: user.id,
    challenges: challenges.map((c) => ({ id: c.id, title: c.title })),
    partners: partners.map((p) => ({ id: p.id, name: p.name })),
    staff,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "project.manage");
  const submission = parseWithZod(await request.formData(), { schema: newProjectSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { challengeId, ...rest } = submission.value;
  const outcome = await createProject(context.database.db, { actorId: user.id, challengeId: challengeId ?? null, ...rest });
  if (!outcome.ok)
    return data({ result: submission.reply({ formErrors: [`lab.problems.${outcome.problem}`] }) }, { status: 400 });
  return redirect(`/projekt/${outcome.project.slug}`);
}

export default function NewProject() {
  const { t } = useTranslation();
  const { userId, challenges, partners, staff } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-project",
    lastResult: actionData?.result,
    defaultValue: { leadId: userId },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newProjectSchema }),
  });
  // One ticked box comes back as a string, several as an array.
  const chosenPartners = new Set([fields.partnerIds.initialValue ?? []].flat().map(String));
  return (
    <div className="stack form">
      <nav aria-label={t("lab.title")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/labbet">{t("lab.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t("lab.newProject")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <Field meta={fields.title} label={t("lab.projectTitle")} />
        <Field meta={fields.summary} label={t("lab.projectSummary")} multiline />
        <div className="field">
          <label htmlFor="np-challenge">{t("lab.challenge")}</label>
          <select
            id="np-challenge"
            name="challengeId"
            defaultValue={(fields.challengeId.initialValue as string | undefined) ?? ""}
          >
            <option value="">{t("lab.noChallenge")}</option>
            {challenges.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="np-lead">{t("lab.lead_label")}</label>
          <select id="np-lead" name="leadId" defaultValue={(fields.leadId.initialValue as string | undefined) ?? userId}>
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
              <input type="checkbox" name="partnerIds" value={p.id} defaultChecked={chosenPartners.has(String(p.id))} /> {p.name}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          {t("lab.createProject")}
        </button>
      </Form>
    </div>
  );
}
