import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import type { DemoAccount } from "@/components/auth/demo-accounts";
import { Brand } from "@/components/shell/brand";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { isStaff } from "@/server/auth/roles";
import { sessionUserForPage } from "@/server/auth/session";
import { wantsDemoData } from "@/server/db";
import { supabaseConfigured } from "@/server/env";
import { DEMO_PASSWORD, demoAccounts } from "@/db/seed/demo-accounts";

export const metadata: Metadata = { title: "Sign in" };

// The accounts the embedded setup seeds (plain data, no database access), listed so a first-time visitor gets in
// with one click.
const DEMO_ACCOUNTS: DemoAccount[] = demoAccounts.map((a) => ({ email: a.email, role: a.role ?? "user", label: a.name }));

export default async function SignInPage() {
  const user = await sessionUserForPage();
  if (user) redirect(isStaff(user.role) ? "/" : "/chat");
  // Demo accounts are local accounts: with Supabase Auth the form signs in against Supabase, so none are offered.
  const demo = wantsDemoData() && !supabaseConfigured();

  return (
    <main className="relative flex min-h-dvh items-center justify-center bg-muted/30 px-4 py-10">
      <div className="absolute top-4 right-4">
        <ThemeToggle />
      </div>
      <div className="flex w-full max-w-md flex-col gap-6">
        <Brand className="self-center text-lg" />
        <Card>
          <CardHeader>
            <CardTitle>
              <h1 className="text-xl">Sign in</h1>
            </CardTitle>
            <CardDescription>Use your Switchboard account.</CardDescription>
          </CardHeader>
          <CardContent>
            <SignInForm demoAccounts={demo ? DEMO_ACCOUNTS : undefined} demoPassword={demo ? DEMO_PASSWORD : undefined} />
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
