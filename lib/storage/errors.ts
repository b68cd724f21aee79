// Storage failures as a small class hierarchy, so services and routes can answer without
// knowing which driver failed. Every error keeps the original (AWS SDK or fs) error as `cause`
// and has a message a person can act on. Messages never contain secrets or signed URLs.
//
// The public entry: the classes live in error-classes.ts, the driver-specific mappers in
// fs-error-map.ts and s3-error-map.ts.
export * from "./error-classes";
export type { ErrorContext } from "./error-context";
export { fromFsError } from "./fs-error-map";
export { fromS3Error } from "./s3-error-map";
