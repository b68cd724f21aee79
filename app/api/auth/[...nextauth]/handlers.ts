import NextAuth from "next-auth";
import { authOptionsForRequest } from "@/lib/auth/options";
import { DomainError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/respond";

type Handler = (request: Request, context: unknown) => Promise<Response>;

// Built on first request, so configuration is read at run time, not at build time.
const handler: Handler = async (request, context) =>
  (NextAuth(await authOptionsForRequest()) as Handler)(request, context);

// next-auth throws (a 500) for a GET of the credentials callback, which only takes a POST.
const get: Handler = (request, context) =>
  new URL(request.url).pathname.endsWith("/callback/credentials")
    ? Promise.resolve(toErrorResponse(new DomainError("invalid_request", "Sign in with a POST of the sign-in form.")))
    : handler(request, context);

export { get as GET, handler as POST };
