// `node --import ./test/helpers/no-redis-packages.mjs …`: the process sees no bullmq and no ioredis,
// as after a default install (they are optional peer dependencies).
import { register } from "node:module";

register("./no-redis-hooks.mjs", import.meta.url);
