// Next.js calls register() once per server process: the environment is checked and the database is ready
// before the first request, and a bad configuration stops the start with a clear message.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./server/startup");
    await startServer();
  }
}
