import { useEffect, type AnchorHTMLAttributes } from "react";
import { useNavigate } from "@remix-run/react";

/**
 * A link repeated on every row of a long list (each comment's author, reply, edit and report links):
 * a plain <a>, which costs a fraction of Remix's <Link> to render, followed as a client-side
 * navigation by the one click handler the layout installs (useRowLinks), as <Link> would be. Without
 * JavaScript it is an ordinary link. `to` is a path from the root.
 */
export function RowLink({
  to,
  preventScrollReset,
  children,
  ...rest
}: { to: string; preventScrollReset?: boolean } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href">) {
  return (
    <a href={to} data-row-link={preventScrollReset ? "keep-scroll" : ""} {...rest}>
      {children}
    </a>
  );
}

/** Follows clicks on RowLinks inside the app, as <Link> does: a plain left click, same origin, no target. */
export function useRowLinks() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return;
      const link = (event.target as Element | null)?.closest?.("a[data-row-link]");
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self") || link.hasAttribute("download"))
        return;
      const url = new URL(link.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(url.pathname + url.search + url.hash, { preventScrollReset: link.dataset.rowLink === "keep-scroll" });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}
