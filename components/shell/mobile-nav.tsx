"use client";

import { useState } from "react";
import { Menu } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { SidebarNav } from "./sidebar-nav";

/** Below the md breakpoint the sidebar lives in a sheet opened from the header. */
export function MobileNav({ isAdmin, footer }: { isAdmin: boolean; footer?: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open navigation">
          <Menu aria-hidden="true" />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" className="w-72 bg-sidebar">
        <SheetHeader>
          <SheetTitle>Switchboard</SheetTitle>
          <SheetDescription className="sr-only">Pages of the dashboard</SheetDescription>
        </SheetHeader>
        <SidebarNav isAdmin={isAdmin} onNavigate={() => setOpen(false)} className="px-2" />
        {footer ? <div className="mt-auto border-t p-4">{footer}</div> : null}
      </SheetContent>
    </Sheet>
  );
}
