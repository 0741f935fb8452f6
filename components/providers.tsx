"use client";

import * as React from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider, useTheme } from "next-themes";
import { Toaster } from "sonner";
import { TooltipProvider } from "@/components/ui/tooltip";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Server components render the first view; refetching right after hydration would only repeat that work.
      queries: { staleTime: 30_000, refetchOnWindowFocus: false },
    },
  });
}

/** Sonner follows the app's theme rather than the OS one. */
function ThemedToaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Toaster
      richColors
      closeButton
      // Switch toasts come in bursts and each may carry "Switch back": list them one above the other, not stacked.
      expand
      // Top right, just below the 56px sticky header: at the bottom they covered the chat's composer and Send.
      position="top-right"
      offset={{ top: 64, right: 16 }}
      mobileOffset={{ top: 64, left: 8, right: 8 }}
      theme={resolvedTheme === "dark" ? "dark" : resolvedTheme === "light" ? "light" : "system"}
    />
  );
}

export function Providers({ children }: { children: React.ReactNode }) {
  // One client per browser session: useState keeps it across re-renders without sharing it between requests.
  const [queryClient] = React.useState(makeQueryClient);
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <QueryClientProvider client={queryClient}>
        <TooltipProvider>
          {children}
          <ThemedToaster />
        </TooltipProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
