"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useSwitchEvents } from "@/components/realtime/use-switch-events";

/**
 * Re-renders the server-rendered analytics (KPIs, counts, charts) when a switch happens anywhere, at most once every
 * few seconds: a burst of fallbacks must not turn into a burst of page renders.
 */
export function RefreshOnSwitch({ minIntervalMs = 3_000 }: { minIntervalMs?: number }) {
  const router = useRouter();
  const last = useRef(0);
  const timer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
  useSwitchEvents(() => {
    if (timer.current !== null) return;
    const wait = Math.max(0, last.current + minIntervalMs - Date.now());
    timer.current = window.setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      router.refresh();
    }, wait);
  });
  return null;
}
