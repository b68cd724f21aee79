// The response types here describe the wire, where dates are ISO-8601 strings. Services build
// responses with Date objects and let JSON.stringify write them, so a serializer checks its result
// against `WithDates<ApiType, its date fields>`: the same fields, only those few still Dates. A
// renamed, missing or extra field fails the type check all the same. No server-only imports.

type AsDate<V> = V extends string ? Date : V;

/** `T` as a service holds it before serializing: the fields `K` are Dates (null or absent where `T` allows). */
export type WithDates<T, K extends keyof T> = { [P in keyof T]: P extends K ? AsDate<T[P]> : T[P] };
