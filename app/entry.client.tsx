import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { addLanguage } from "./ui/i18n/registry";

// Only the reader's language is sent: its texts are a chunk of their own, loaded before hydrating.
const language = document.documentElement.lang === "en" ? "en" : "sv";
void (language === "en" ? import("./ui/i18n/en") : import("./ui/i18n/sv")).then((texts) => {
  addLanguage(language, texts.default);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
