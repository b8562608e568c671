import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "./root-data";
import { useRowLinks } from "./RowLink";
import { NotificationLink } from "./NotificationLink";

export function Layout({ children }: { children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const { user, notices } = useRootData();
  const location = useLocation();
  useRowLinks();
  const here = location.pathname + location.search;
  const otherLocale = i18n.language === "en" ? "sv" : "en";
  return (
    <>
      <a className="skip-link" href="#main">
        {t("site.skipLink")}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ◆
            </span>{" "}
            {t("site.name")}
          </Link>
          <nav aria-label={t("site.mainNav")} className="main-nav">
            <ul>
              <li>
                <NavLink to="/utmaningar">{t("nav.challenges")}</NavLink>
              </li>
              <li>
                <NavLink to="/projekt">{t("nav.projects")}</NavLink>
              </li>
              <li>
                <NavLink to="/insikter">{t("insights.nav")}</NavLink>
              </li>
              <li>
                <NavLink to="/om">{t("nav.about")}</NavLink>
              </li>
              {user?.role === "admin" ? (
                <li>
                  <NavLink to="/admin/anvandare">{t("nav.admin")}</NavLink>
                </li>
              ) : null}
              {user?.role === "moderator" || user?.role === "admin" ? (
                <li>
                  <NavLink to="/moderator">{t("moderation.nav")}</NavLink>
                </li>
              ) : null}
              {user?.role === "lab_staff" || user?.role === "admin" ? (
                <li>
                  <NavLink to="/labbet">{t("nav.lab")}</NavLink>
                </li>
              ) : null}
              {user && notices ? (
                <li>
                  <NotificationLink userId={user.id} unread={notices.unread} liveCursor={notices.liveCursor} />
                </li>
              ) : null}
              {user ? (
                <li>
                  <NavLink to="/konto">{t("nav.account")}</NavLink>
                </li>
              ) : (
                <li>
                  <NavLink to="/logga-in">{t("nav.login")}</NavLink>
                </li>
              )}
            </ul>
          </nav>
          <div className="header-tools">
            <Form method="get" action="/sok" role="search" className="search-form">
              <label htmlFor="site-search" className="visually-hidden">
                {t("nav.search")}
              </label>
              <input id="site-search" type="search" name="q" placeholder={t("nav.searchPlaceholder")} />
              <button type="submit">{t("nav.search")}</button>
            </Form>
            {/* A document request: the page comes back in the other language with its texts (entry.client.tsx). */}
            <Form method="post" action="/sprak" className="lang-form" reloadDocument>
              <input type="hidden" name="locale" value={otherLocale} />
              <input type="hidden" name="redirectTo" value={here} />
              <button type="submit" lang={otherLocale} className="link-button">
                {t("site.switchToOther")}
              </button>
            </Form>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("site.footer")}</p>
        <nav aria-label={t("siteLinks.nav")}>
          <p>
            <Link to="/aktuellt">{t("siteLinks.news")}</Link> · <Link to="/nyhetsbrev">{t("siteLinks.newsletter")}</Link> ·{" "}
            <Link to="/kontakt">{t("siteLinks.contact")}</Link> · <a href="/api/v1/openapi.json">{t("siteLinks.api")}</a>
            {user?.role === "lab_staff" || user?.role === "admin" ? (
              <>
                {" "}
                · <Link to="/redaktion">{t("editorial.nav")}</Link>
              </>
            ) : null}
          </p>
        </nav>
        <p>
          <Link to="/moderering">{t("moderation.log.title")}</Link>
        </p>
        <p>
          <Link to="/tillganglighet">{t("accessibility.footerLink")}</Link>
        </p>
        <p>
          <Link to="/personuppgifter">{t("privacyPage.title")}</Link>
        </p>
      </footer>
    </>
  );
}
