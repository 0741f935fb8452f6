"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { destroySessionValue, SESSION_COOKIE, setSessionCookie } from "@/server/auth/session";
import { clientAddress } from "@/server/auth/client-address";
import { signIn, signInInput } from "@/server/auth/sign-in";
import { isStaff } from "@/server/auth/roles";
import { toPublicError } from "@/server/errors";
import { fieldErrorsOf } from "@/lib/zod-message";
import { supabaseConfigured } from "@/server/env";

export type SignInState = { error?: string; fieldErrors?: Partial<Record<"email" | "password", string>>; email?: string };

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const raw = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) {
    const { email, password } = fieldErrorsOf(parsed.error, raw);
    return { fieldErrors: { ...(email ? { email } : {}), ...(password ? { password } : {}) }, email: raw.email };
  }
  let destination: string;
  try {
    if (supabaseConfigured()) {
      // Supabase Auth: signInWithPassword writes the session cookies through Next's cookie store.
      const { signInWithSupabase } = await import("@/server/auth/supabase/session");
      const user = await signInWithSupabase(parsed.data);
      destination = isStaff(user.role) ? "/" : "/chat";
    } else {
      const { user, session } = await signIn(parsed.data, { clientAddress: clientAddress(await headers()) });
      await setSessionCookie(session.value, session.expiresAt);
      destination = isStaff(user.role) ? "/" : "/chat";
    }
  } catch (err) {
    return { error: toPublicError(err).message, email: raw.email };
  }
  redirect(destination);
}

export async function signOutAction(): Promise<void> {
  if (supabaseConfigured()) {
    const { signOutOfSupabase } = await import("@/server/auth/supabase/session");
    await signOutOfSupabase();
    redirect("/sign-in");
  }
  const jar = await cookies();
  await destroySessionValue(jar.get(SESSION_COOKIE)?.value);
  jar.delete(SESSION_COOKIE);
  redirect("/sign-in");
}
