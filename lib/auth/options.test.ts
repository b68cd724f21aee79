import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { oauthProviders } from "./options";

afterEach(() => {
  for (const name of ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"])
    delete process.env[name];
  resetEnvCache();
});

describe("OAuth providers", () => {
  it("are invisible until both of a provider's variables are set", () => {
    expect(oauthProviders()).toEqual([]);
    process.env.GITHUB_CLIENT_ID = "id";
    resetEnvCache();
    expect(oauthProviders()).toEqual([]);
    process.env.GITHUB_CLIENT_SECRET = "secret";
    process.env.GOOGLE_CLIENT_ID = "gid";
    process.env.GOOGLE_CLIENT_SECRET = "gsecret";
    resetEnvCache();
    expect(oauthProviders()).toEqual([
      { id: "github", name: "GitHub" },
      { id: "google", name: "Google" },
    ]);
  });
});
