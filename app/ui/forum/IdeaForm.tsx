import { useEffect, useRef, useState } from "react";
import { Form, useFetcher } from "@remix-run/react";
import { useForm, getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod, getZodConstraint } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { ideaDraftSchema, ideaSchema } from "../../domain/ideas/schemas";
import { Field, FormErrors } from "../forms";
import { RenderedMarkdown } from "./IdeaBits";

interface IdeaFormProps {
  lastResult?: SubmissionResult<string[]> | null;
  /** Server-rendered preview after the "Förhandsgranska" button (works without JavaScript). */
  previewHtml?: string | null;
  defaultValue?: { title: string; body: string };
  submitLabel: string;
}

/**
 * Title + Markdown body. The preview button posts the form (intent=preview) and the page comes
 * back with the text kept and the preview shown; with JavaScript the preview also follows typing.
 */
export function IdeaForm({ lastResult, previewHtml, defaultValue, submitLabel }: IdeaFormProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "idea-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(ideaSchema),
    shouldValidate: "onBlur",
    // The preview button must go through even when the draft would not yet pass.
    onValidate: ({ formData }) =>
      formData.get("intent") === "preview"
        ? parseWithZod(formData, { schema: ideaDraftSchema.passthrough() })
        : parseWithZod(formData, { schema: ideaSchema }),
  });
  const preview = useFetcher<{ html: string }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [typed, setTyped] = useState(false);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onBodyInput = (event: React.FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLTextAreaElement;
    if (target.name !== fields.body.name) return;
    setTyped(true);
    clearTimeout(timer.current);
    const body = target.value;
    timer.current = setTimeout(() => preview.submit({ body }, { method: "post", action: "/forhandsgranska" }), 300);
  };

  const shownHtml = typed && preview.data ? preview.data.html : previewHtml;
  return (
    <Form method="post" {...getFormProps(form)} onInput={onBodyInput}>
      <FormErrors form={form} />
      <Field meta={fields.title} label={t("idea.title")} hint={t("idea.titleHint")} />
      <Field meta={fields.body} label={t("idea.body")} hint={t("idea.bodyHint")} multiline />
      <section className="preview card" aria-labelledby="preview-heading" aria-live="polite">
        <h2 id="preview-heading">{t("idea.previewTitle")}</h2>
        {shownHtml ? <RenderedMarkdown html={shownHtml} /> : <p className="muted">{t("idea.previewEmpty")}</p>}
      </section>
      <div className="inline-form">
        <button type="submit" name="intent" value="save" className="primary">
          {submitLabel}
        </button>
        <button type="submit" name="intent" value="preview" className="secondary" formNoValidate>
          {t("idea.preview")}
        </button>
      </div>
    </Form>
  );
}
