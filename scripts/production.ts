// Imported first by the production server: Next and React read NODE_ENV when they load.
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production", NEXT_TELEMETRY_DISABLED: "1" });
