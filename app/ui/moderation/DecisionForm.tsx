import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const reasons = ["spam", "offensive", "personal_data", "off_topic", "other"] as const;

export interface DecisionFormProps {
  target: { type: string; id: string; title: string | null; body: string | null };
  kinds: readonly string[];
  back: string;
  /** What the moderator typed last time, when the decision was refused. */
  values?: Record<string, string> | null;
  errors?: Record<string, string> | null;
}

/**
 * One form per case: choose the decision, give the reason, and (for edits and suspensions)
 * the new text or the number of days. Plain HTML, so it works without JavaScript.
 */
export function DecisionForm({ target, kinds, back, values, errors }: DecisionFormProps) {
  const { t } = useTranslation();
  const prefix = `d-${target.type}-${target.id}`;
  const value = (name: string, fallback = "") => values?.[name] ?? fallback;
  const errorFor = (name: string) =>
    errors?.[name] ? (
      <p className="field-error" id={`${prefix}-${name}-error`}>
        {t(errors[name])}
      </p>
    ) : null;
  const described = (name: string, hint?: boolean) =>
    [hint ? `${prefix}-${name}-hint` : null, errors?.[name] ? `${prefix}-${name}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  if (kinds.length === 0) return <p className="muted">{t("moderation.decide.none")}</p>;
  // The query names the case, so a refused decision re-renders the decision page for it.
  const action = `/moderator/atgard?${new URLSearchParams({ typ: target.type, id: target.id, tillbaka: back })}`;
  return (
    <Form method="post" action={action} className="decision-form">
      <input type="hidden" name="typ" value={target.type} />
      <input type="hidden" name="id" value={target.id} />
      <input type="hidden" name="tillbaka" value={back} />
      <div className="field">
        <label htmlFor={`${prefix}-beslut`}>{t("moderation.decide.title")}</label>
        <select id={`${prefix}-beslut`} name="beslut" defaultValue={value("beslut", kinds[0])}>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`moderation.decide.submit.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-reasonCategory`}>{t("moderation.decide.reasonCategory")}</label>
        <select
          id={`${prefix}-reasonCategory`}
          name="reasonCategory"
          defaultValue={value("reasonCategory")}
          aria-describedby={described("reasonCategory")}
          aria-invalid={errors?.reasonCategory ? true : undefined}
        >
          <option value="">{t("moderation.decide.chooseReason")}</option>
          {reasons.map((reason) => (
            <option key={reason} value={reason}>
              {t(`moderation.reason.${reason}`)}
            </option>
          ))}
        </select>
        {errorFor("reasonCategory")}
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-reason`}>{t("moderation.decide.reason")}</label>
        <textarea
          id={`${prefix}-reason`}
          name="reason"
          rows={2}
          defaultValue={value("reason")}
          aria-describedby={described("reason", true)}
        />
        <p className="hint" id={`${prefix}-reason-hint`}>
          {t("moderation.decide.reasonHint")}
        </p>
        {errorFor("reason")}
      </div>
      {kinds.includes("suspend") ? (
        <div className="field">
          <label htmlFor={`${prefix}-days`}>{t("moderation.decide.days")}</label>
          <input
            id={`${prefix}-days`}
            name="days"
            type="number"
            min={1}
            max={3650}
            defaultValue={value("days", "7")}
            aria-describedby={described("days")}
          />
          {errorFor("days")}
        </div>
      ) : null}
      {kinds.includes("edit") ? (
        <>
          {target.type === "idea" ? (
            <div className="field">
              <label htmlFor={`${prefix}-title`}>{t("moderation.decide.newTitle")}</label>
              <input id={`${prefix}-title`} name="title" defaultValue={value("title", target.title ?? "")} />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${prefix}-body`}>{t("moderation.decide.newBody")}</label>
            <textarea
              id={`${prefix}-body`}
              name="body"
              rows={4}
              defaultValue={value("body", target.body ?? "")}
              aria-describedby={described("body")}
            />
            {errorFor("body")}
          </div>
        </>
      ) : null}
      <button type="submit" className="primary">
        {t("moderation.decide.apply")}
      </button>
    </Form>
  );
}
