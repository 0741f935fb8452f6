import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Brand } from "@/components/shell/brand";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { isStaff } from "@/server/auth/roles";
import { sessionUserForPage } from "@/server/auth/session";
import { demoSignIn } from "@/server/auth/demo-sign-in";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  const user = await sessionUserForPage();
  if (user) redirect(isStaff(user.role) ? "/" : "/chat");
  const demo = demoSignIn();

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
            <SignInForm demoAccounts={demo?.accounts} demoPassword={demo?.password} />
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
