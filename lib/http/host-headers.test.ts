import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "./host-headers";

describe("resolveClientAddress", () => {
  const chain = "198.51.100.1, 10.0.0.2, 127.0.0.1";

  it("believes no proxy header by default: the socket's address", () => {
    expect(resolveClientAddress("::ffff:192.0.2.9", chain, 0)).toBe("192.0.2.9");
    expect(resolveClientAddress(undefined, chain, 0)).toBe("unknown");
  });

  it("believes as many hops as trusted, the leftmost entry with true, or loopback proxies", () => {
    expect(resolveClientAddress("127.0.0.1", chain, 1)).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", chain, 2)).toBe("10.0.0.2");
    expect(resolveClientAddress("127.0.0.1", chain, 9)).toBe("198.51.100.1");
    expect(resolveClientAddress("127.0.0.1", chain, "all")).toBe("198.51.100.1");
    expect(resolveClientAddress("::1", chain, "loopback")).toBe("10.0.0.2");
    // A client talking to the app directly is not a loopback proxy: its own header is ignored.
    expect(resolveClientAddress("192.0.2.9", "1.2.3.4", "loopback")).toBe("192.0.2.9");
    expect(resolveClientAddress("127.0.0.1", ["1.2.3.4", "5.6.7.8"], 1)).toBe("5.6.7.8");
  });
});
