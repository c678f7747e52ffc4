// Module hooks of no-redis-packages.mjs: resolving bullmq or ioredis fails as for a missing package.
export async function resolve(specifier, context, next) {
  if (/^(bullmq|ioredis)(\/|$)/.test(specifier)) {
    const error = new Error(`Cannot find package '${specifier}' imported from ${context.parentURL}`);
    error.code = "ERR_MODULE_NOT_FOUND";
    throw error;
  }
  return next(specifier, context);
}
