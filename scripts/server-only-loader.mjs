// A module resolve hook for scripts/start.mjs: `server-only` guards modules from client bundles inside Next and throws
// anywhere else; in the node process that serves the gateway paths every module is server-side, so it resolves to
// an empty module.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return nextResolve(specifier, context);
}
