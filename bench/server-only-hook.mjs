// Module resolution hook for running lib code outside Next.js (tsx, plain node): "server-only" resolves to
// an empty module, as vitest.config.ts aliases it to test/server-only-stub.ts. Without it the package's
// default export throws unless the react-server condition is set — and react-pdf does not work under it.
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true, format: "module" };
  return next(specifier, context);
}
