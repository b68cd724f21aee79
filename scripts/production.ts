// Imported first by the production server: Next and React read NODE_ENV when they load.
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production", NEXT_TELEMETRY_DISABLED: "1" });
// Everything the server writes into the data folder (database journals, the generated secret,
// stored objects) is private to this account, whatever umask the operator's shell has.
process.umask(0o077);
