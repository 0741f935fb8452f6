import type { Metadata } from "next";
import { MessageSquare } from "lucide-react";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireSignedIn } from "@/server/auth/session";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatPage() {
  const user = await requireSignedIn();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Chat</h1>
        <p className="text-sm text-muted-foreground">Signed in as {user.name}.</p>
      </div>
      <Card data-testid="not-built">
        <CardHeader>
          <div className="mb-2 flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
            <MessageSquare aria-hidden="true" className="size-5" />
          </div>
          <CardTitle>Chat arrives in a later release.</CardTitle>
          <CardDescription>
            Conversations, the model behind each one, and a live notice whenever that model changes.
          </CardDescription>
        </CardHeader>
      </Card>
    </div>
  );
}
