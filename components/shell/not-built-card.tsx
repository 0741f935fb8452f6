import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** Stand-in for a page that a later release builds. */
export function NotBuiltCard({ willShow }: { willShow: string }) {
  return (
    <Card data-testid="not-built">
      <CardHeader>
        <CardTitle>This page is not built yet.</CardTitle>
        <CardDescription>{willShow}</CardDescription>
      </CardHeader>
    </Card>
  );
}
