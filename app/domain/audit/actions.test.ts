import { describe, expect, it } from "vitest";
import { getI18n, supportedLocales } from "../../ui/i18n";
import { auditActionKey, decisionKinds, staffActions, type AuditAction } from "./actions";

const every: AuditAction[] = [
  ...(["idea", "comment", "user"] as const).flatMap((type) => decisionKinds.map((kind) => `${type}.${kind}` as const)),
  ...staffActions,
];

describe("names of audit actions", () => {
  it.each(supportedLocales)("has a text for every action the log records, in %s", (locale) => {
    const i18n = getI18n(locale);
    for (const action of every) {
      const key = auditActionKey(action);
      expect(i18n.exists(key), `${action} → ${key}`).toBe(true);
      expect(i18n.t(key)).not.toContain(".");
    }
  });

  it("names a lab decision as one, not as the raw key", () => {
    expect(getI18n("sv").t(auditActionKey("idea.promote"))).toBe("Idén blev ett projekt i Samhällslabbet");
    expect(getI18n("en").t(auditActionKey("idea.decline"))).toBe("The idea was declined by Samhällslabbet");
    expect(auditActionKey("comment.hide")).toBe("moderation.action.hide");
    expect(auditActionKey("something.else")).toBe("audit.action.other");
  });
});
