"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { getDictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/lib/i18n/locales";

export type RunningSync = { integrationId: number; phase: "connecting" | "reading" | "finished" | "failed"; recordsRead: number };

const POLL_MS = 1_000;

/**
 * Live progress of the syncs running now (of one integration, or of all). Polls the progress route
 * while any runs and re-renders the page when one ends, so its run appears in the history. A polite
 * live region reads the progress out; without JavaScript the page's own "Refresh" link does the same.
 */
export function SyncProgress({ locale, integrationId, initial, names }: { locale: Locale; integrationId: number | null; initial: RunningSync[]; names: Record<number, string> }) {
  const t = getDictionary(locale).adminIntegrations.progress;
  const router = useRouter();
  const [running, setRunning] = useState(initial);
  const seen = useRef(new Set(initial.map((sync) => sync.integrationId)));

  useEffect(() => {
    if (running.length === 0) return;
    const timer = setTimeout(async () => {
      const response = await fetch("/admin/integrations/progress", { cache: "no-store" }).catch(() => null);
      if (!response?.ok) return;
      const body = (await response.json()) as { running: RunningSync[] };
      const now = body.running.filter((sync) => integrationId === null || sync.integrationId === integrationId);
      const ended = [...seen.current].some((id) => !now.some((sync) => sync.integrationId === id));
      for (const sync of now) seen.current.add(sync.integrationId);
      setRunning(now);
      if (ended) {
        seen.current = new Set(now.map((sync) => sync.integrationId));
        router.refresh();
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, integrationId, router]);

  return (
    <div role="status" aria-live="polite" data-testid="sync-progress">
      {running.map((sync) => (
        <p key={sync.integrationId}>
          {names[sync.integrationId] ?? `#${sync.integrationId}`}: {t.phases[sync.phase]} {t.recordsRead(sync.recordsRead)}
        </p>
      ))}
    </div>
  );
}
