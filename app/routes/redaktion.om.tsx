import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { getSiteBlocks, saveSiteBlocks } from "../domain/site/blocks.server";
import { siteBlocksSchema } from "../domain/site/schemas";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "editorial.editAbout" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "site.edit");
  return { blocks: await getSiteBlocks(context.database.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "site.edit");
  const submission = parseWithZod(await request.formData(), { schema: siteBlocksSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await saveSiteBlocks(context.database.db, user.id, submission.value);
  return redirect("/om");
}

export default function EditAbout() {
  const { t } = useTranslation();
  const { blocks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "site-blocks",
    lastResult: actionData?.result,
    defaultValue: blocks,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: siteBlocksSchema }),
  });
  return (
    <div className="stack form site-blocks">
      <nav aria-label={t("editorial.title")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/redaktion">{t("editorial.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t("editorial.editAbout")}</h1>
      <p>{t("editorial.markdownHint")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <Field meta={fields.vision} label={t("aboutContent.vision")} multiline />
        <Field meta={fields.mission} label={t("aboutContent.mission")} multiline />
        <Field meta={fields.board} label={t("aboutContent.board")} multiline />
        <Field meta={fields.core_team} label={t("aboutContent.coreTeam")} multiline />
        <button type="submit" className="primary">
          {t("editorial.save")}
        </button>
      </Form>
    </div>
  );
}
