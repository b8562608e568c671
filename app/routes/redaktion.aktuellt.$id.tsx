import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { createNews, getNewsById, updateNews } from "../domain/site/news.server";
import { newsSchema } from "../domain/site/schemas";
import { toLocalInput } from "../domain/site/time";
import { Field, FormErrors, translateMessage } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { notFound } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "editorial.itemTitle" });

/** "ny" is a new item; otherwise the id of the item to edit. */
async function itemFor(request: Request, id: string | undefined, db: Parameters<typeof getNewsById>[0]) {
  if (id === "ny") return null;
  if (!id || !/^\d{1,9}$/.test(id)) throw notFound(request, "errors.newsNotFound");
  const item = await getNewsById(db, Number(id));
  if (!item) throw notFound(request, "errors.newsNotFound");
  return item;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "site.edit");
  const item = await itemFor(request, params.id, context.database.db);
  const today = toLocalInput(new Date()).slice(0, 10);
  if (!item) return { isNew: true, defaults: { kind: "news", date: today, published: "on" } as Record<string, string> };
  return {
    isNew: false,
    defaults: {
      kind: item.kind,
      title: item.title,
      summary: item.summary,
      body: item.body,
      date: toLocalInput(item.publishedAt).slice(0, 10),
      published: item.published ? "on" : "",
      startsAt: toLocalInput(item.startsAt),
      endsAt: toLocalInput(item.endsAt),
      location: item.location ?? "",
      online: item.online ? "on" : "",
      recordingUrl: item.recordingUrl ?? "",
    } as Record<string, string>,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "site.edit");
  const db = context.database.db;
  const existing = await itemFor(request, params.id, db);
  const submission = parseWithZod(await request.formData(), { schema: newsSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const saved = existing
    ? await updateNews(db, user.id, existing.id, submission.value)
    : await createNews(db, user.id, submission.value);
  if (!saved) throw notFound(request, "errors.newsNotFound");
  return redirect(`/aktuellt/${saved.slug}`);
}

export default function EditNewsItem() {
  const { t } = useTranslation();
  const { isNew, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "news-item",
    lastResult: actionData?.result,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newsSchema }),
  });
  return (
    <div className="stack form">
      <nav aria-label={t("editorial.title")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/redaktion">{t("editorial.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{isNew ? t("editorial.newItem") : t("editorial.editItem")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <div className="field">
          <label htmlFor={fields.kind.id}>{t("editorial.kind")}</label>
          <select {...getSelectProps(fields.kind)}>
            <option value="news">{t("news.kind.news")}</option>
            <option value="event">{t("news.kind.event")}</option>
          </select>
        </div>
        <Field meta={fields.title} label={t("editorial.fields.title")} />
        <Field meta={fields.summary} label={t("editorial.fields.summary")} multiline />
        <Field meta={fields.body} label={t("editorial.fields.body")} hint={t("editorial.markdownHint")} multiline />
        <DateField meta={fields.date} label={t("editorial.fields.date")} type="date" />
        <label className="check">
          <input {...getInputProps(fields.published, { type: "checkbox" })} /> {t("editorial.fields.published")}
        </label>
        <fieldset className="field">
          <legend>{t("editorial.eventDetails")}</legend>
          <p className="hint">{t("editorial.eventHint")}</p>
          <DateField meta={fields.startsAt} label={t("editorial.fields.startsAt")} type="datetime-local" />
          <DateField meta={fields.endsAt} label={t("editorial.fields.endsAt")} type="datetime-local" />
          <Field meta={fields.location} label={t("editorial.fields.location")} />
          <label className="check">
            <input {...getInputProps(fields.online, { type: "checkbox" })} /> {t("editorial.fields.online")}
          </label>
          <Field meta={fields.recordingUrl} label={t("editorial.fields.recordingUrl")} type="url" />
        </fieldset>
        <button type="submit" className="primary">
          {t("editorial.save")}
        </button>
      </Form>
    </div>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function DateField({ meta, label, type }: { meta: any; label: string; type: "date" | "datetime-local" }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input
        {...getInputProps(meta, { type, ariaAttributes: true })}
        aria-describedby={meta.errors?.length ? meta.errorId : undefined}
      />
      {meta.errors?.length ? (
        <p className="field-error" id={meta.errorId}>
          {meta.errors.map((e: string) => translateMessage(t, e)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}
