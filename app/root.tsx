import { useEffect } from "react";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { I18nextProvider, useTranslation } from "react-i18next";
import stylesHref from "./styles/app.css";
import { getI18n, hasLanguage } from "./ui/i18n";
import { useRootData, type RootData } from "./ui/root-data";
import { getLocale } from "./ui/i18n/locale.server";
import { getNotificationBadge, getUser } from "./auth/session.server";
import { useNonce } from "./ui/nonce";
import { Layout as PageLayout } from "./ui/Layout";
import { pageTitle } from "./ui/meta";
import { LiveProvider } from "./realtime/LiveProvider";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The i18n key of the error page's heading (and title), by the kind of error. */
function errorTitleKey(error: unknown): string {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) return "error.notFoundTitle";
    if (error.status === 403) return "error.forbiddenTitle";
    if (error.status < 500) return "error.badRequestTitle";
  }
  return "error.genericTitle";
}

// Pages set their own title; the error page gets its title here, in <head>, where a <title> belongs.
export const meta: MetaFunction = ({ error, matches }) => (error ? pageTitle(matches, { key: errorTitleKey(error) }) : []);

export async function loader({ request, context }: LoaderFunctionArgs): Promise<RootData> {
  const user = await getUser(request, context);
  const notices = user ? await getNotificationBadge(request, context) : null;
  return {
    locale: getLocale(request),
    user: user ? { id: user.id, displayName: user.displayName, role: user.role } : null,
    notices,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { locale, user } = useRootData();
  const nonce = useNonce();
  // Tests wait for this before they look: the page is then interactive and any hydration error has shown.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  // The browser has only the language it started in; a page in another one (a choice saved on
  // another form) loads again as a document, which brings its texts.
  useEffect(() => {
    if (!hasLanguage(locale)) window.location.reload();
  }, [locale]);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={getI18n(locale)}>
          <LiveProvider userId={user?.id ?? null}>
            <PageLayout>{children}</PageLayout>
          </LiveProvider>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let text = t("error.genericText");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) text = t("error.notFoundText");
    else if (error.status < 500 && typeof error.data === "string" && error.data) text = error.data;
  }
  return (
    <section className="error-page">
      <h1>{t(errorTitleKey(error))}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{t("error.backHome")}</a>
      </p>
    </section>
  );
}
