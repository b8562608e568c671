import type { TFunction } from "i18next";

interface Letter {
  subject: string;
  text: string;
}

/** The double opt-in mail: nothing is sent again unless the link is used. */
export function confirmationMail(t: TFunction, confirmUrl: string): Letter {
  return {
    subject: t("newsletter.mail.confirmSubject"),
    text: `${t("newsletter.mail.confirmText")}\n\n${confirmUrl}\n\n${t("newsletter.mail.confirmIgnore")}\n`,
  };
}

/** Every mail to a subscriber ends with its one-click unsubscribe link. */
export function welcomeMail(t: TFunction, unsubscribeUrl: string): Letter {
  return {
    subject: t("newsletter.mail.welcomeSubject"),
    text: `${t("newsletter.mail.welcomeText")}\n\n${t("newsletter.mail.unsubscribe")}\n${unsubscribeUrl}\n`,
  };
}
