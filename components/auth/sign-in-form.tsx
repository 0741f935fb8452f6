"use client";

import { useActionState, useRef, useState } from "react";
import { CircleAlert } from "lucide-react";
import { signInAction, type SignInState } from "@/actions/auth";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DemoAccounts, type DemoAccount } from "./demo-accounts";

const initialState: SignInState = {};

export function SignInForm({ demoAccounts, demoPassword }: { demoAccounts?: DemoAccount[]; demoPassword?: string }) {
  const [state, formAction, pending] = useActionState(signInAction, initialState);
  // Controlled so the demo-account buttons can fill them, and so a failed attempt keeps what was typed.
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const submitRef = useRef<HTMLButtonElement>(null);

  const emailError = state.fieldErrors?.email;
  const passwordError = state.fieldErrors?.password;

  function fill(account: DemoAccount) {
    setEmail(account.email);
    setPassword(demoPassword ?? "");
    submitRef.current?.focus();
  }

  return (
    <div className="flex flex-col gap-6">
      <form action={formAction} noValidate className="flex flex-col gap-4" aria-describedby={state.error ? "sign-in-error" : undefined}>
        {state.error ? (
          <div
            id="sign-in-error"
            role="alert"
            data-testid="sign-in-error"
            className="flex items-start gap-2 rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-red-800 dark:text-destructive"
          >
            <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            {state.error}
          </div>
        ) : null}

        <div className="flex flex-col gap-2">
          <Label htmlFor="email">Email</Label>
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? "email-error" : undefined}
          />
          {emailError ? (
            <p id="email-error" className="text-sm text-red-700 dark:text-destructive">
              {emailError}
            </p>
          ) : null}
        </div>

        <div className="flex flex-col gap-2">
          <Label htmlFor="password">Password</Label>
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? "password-error" : undefined}
          />
          {passwordError ? (
            <p id="password-error" className="text-sm text-red-700 dark:text-destructive">
              {passwordError}
            </p>
          ) : null}
        </div>

        <Button ref={submitRef} type="submit" disabled={pending} className="w-full">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>

      {demoAccounts && demoAccounts.length > 0 ? <DemoAccounts accounts={demoAccounts} password={demoPassword ?? ""} onPick={fill} /> : null}
    </div>
  );
}
