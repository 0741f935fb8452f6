// Helpers shared by the aws and offline gateway tests.
import { expect } from "vitest";
import { BedrockCallError, type ConverseStreamEvent } from "@/server/bedrock/gateway";

/** The BedrockCallError `p` rejects with; fails the test when it resolves or rejects with anything else. */
export async function caught(p: Promise<unknown>): Promise<BedrockCallError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(BedrockCallError);
    return err as BedrockCallError;
  }
  throw new Error("expected a rejection");
}

/** Every event of a converse stream, in order. */
export async function collect(it: AsyncIterable<ConverseStreamEvent>): Promise<ConverseStreamEvent[]> {
  const out: ConverseStreamEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}
