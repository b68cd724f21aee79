export const SHARE_LINK_PREFIX: "/s/";
export function securityHeaders(pathname: string): [string, string][];
export function nextHeaderRules(): { source: string; headers: { key: string; value: string }[] }[];
