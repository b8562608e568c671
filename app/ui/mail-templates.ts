import type { MailMessage } from "../domain/mail/outbox.server";
import { confirmationMail, welcomeMail } from "../domain/newsletter/mail.server";
import { getI18n, isLocale, defaultLocale } from "./i18n";
import { notificationText } from "./notification-text";

export interface RenderedMail {
  subject: string;
  text: string;
}

/**
 * The whole address of a path in a mail: always on the configured public origin. A value that is
 * not a plain path ("//evil.example", "https://…") is refused rather than followed.
 */
export function publicLink(publicUrl: string, path: string): string {
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) throw new Error(`not a path: ${path}`);
  const origin = new URL(publicUrl).origin;
  return new URL(path, origin).toString();
}

/** Subject and text of an outbox mail, in its language, with its links on the public origin. */
export function renderMail(mail: MailMessage & { locale: string }, publicUrl: string): RenderedMail {
  const t = getI18n(isLocale(mail.locale) ? mail.locale : defaultLocale).t;
  const link = (path: string) => publicLink(publicUrl, path);
  switch (mail.template) {
    case "notification": {
      const text = notificationText(t, mail.data);
      return {
        subject: t("notifications.emailSubject", { text }),
        text: `${text}\n\n${link(mail.data.link ?? "/notiser")}\n\n${t("notifications.emailFooter")}\n`,
      };
    }
    case "password-reset":
      return {
        subject: t("security.resetMailSubject"),
        text: t("security.resetMailText", { name: mail.data.name, link: link(mail.data.path) }),
      };
    case "registration-confirm":
      return {
        subject: t("auth.confirmMailSubject"),
        text: t("auth.confirmMailText", { name: mail.data.name, link: link(mail.data.path) }),
      };
    case "registration-known":
      return {
        subject: t("auth.knownMailSubject"),
        text: t("auth.knownMailText", { name: mail.data.name, login: link("/logga-in"), reset: link("/glomt-losenord") }),
      };
    case "newsletter-confirm":
      return confirmationMail(t, link(mail.data.path));
    case "newsletter-welcome":
      return welcomeMail(t, link(mail.data.path));
    case "contact": {
      const { id, name, email, subject, message } = mail.data;
      return {
        subject: t("contact.mailSubject", { subject }),
        text: `${t("contact.mailFrom", { name, email })}\n\n${message}\n\n${link(`/redaktion/meddelanden#meddelande-${id}`)}\n`,
      };
    }
    case "accessibility-report":
      return {
        subject: t("accessibility.report.mailSubject", mail.data),
        text: t("accessibility.report.mailText", mail.data),
      };
    default: {
      const unknown: never = mail;
      throw new Error(`unknown mail template ${(unknown as { template: string }).template}`);
    }
  }
}
