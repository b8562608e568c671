import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLive } from "./LiveProvider";

/**
 * Holds back items that arrive while the reader is on the page (a comment appearing above the
 * paragraph someone is reading moves it away), until they ask for them. Items present at first
 * render, and the reader's own (isOwn), show at once. Server rendering shows everything.
 */
export function useHeldBack<T>(
  items: T[],
  idOf: (item: T) => string | number,
  isOwn: (item: T) => boolean = () => false,
  /** What the list is of (e.g. idea and comment page): when it changes, everything listed shows again. */
  scope = "",
) {
  const [state, setState] = useState(() => ({ scope, shown: new Set(items.map(idOf)) }));
  if (state.scope !== scope) setState({ scope, shown: new Set(items.map(idOf)) });
  const shown = state.scope === scope ? state.shown : new Set(items.map(idOf));
  const setShown = (update: (before: Set<string | number>) => Set<string | number>) =>
    setState((current) => ({ scope: current.scope, shown: update(current.shown) }));
  const ownNew = items.filter((item) => !shown.has(idOf(item)) && isOwn(item));
  useEffect(() => {
    if (ownNew.length === 0) return;
    setShown((before) => new Set([...before, ...ownNew.map(idOf)]));
  });
  const visible = items.filter((item) => shown.has(idOf(item)) || isOwn(item));
  const held = items.filter((item) => !shown.has(idOf(item)) && !isOwn(item));
  return {
    visible,
    heldCount: held.length,
    /** Shows the held items; returns the first one's id so the caller can move focus to it. */
    reveal(): string | number | undefined {
      setShown((before) => new Set([...before, ...held.map(idOf)]));
      return held.length ? idOf(held[0]) : undefined;
    },
  };
}

/**
 * "3 nya kommentarer": a polite button that reveals held-back items. Clicking it moves focus to the
 * first new item (give its element `id={focusId}` and tabIndex={-1}), so keyboard users land there.
 */
export function NewItemsButton({
  count,
  onReveal,
  focusIdFor,
  messageKey = "live.newComments",
}: {
  count: number;
  onReveal(): string | number | undefined;
  focusIdFor(id: string | number): string;
  messageKey?: string;
}) {
  const { t } = useTranslation();
  const { announce } = useLive();
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const announced = useRef(0);

  useEffect(() => {
    if (count > announced.current) announce(t(`${messageKey}Announcement`, { count }));
    announced.current = count;
  }, [count, announce, t, messageKey]);

  useEffect(() => {
    if (!focusTarget) return;
    const target = document.getElementById(focusTarget);
    if (target && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  if (count === 0) return null;
  return (
    <div className="live-new-items">
      <button
        type="button"
        className="secondary"
        onClick={() => {
          const first = onReveal();
          if (first !== undefined) setFocusTarget(focusIdFor(first));
        }}
      >
        {t(messageKey, { count })}
      </button>
    </div>
  );
}
