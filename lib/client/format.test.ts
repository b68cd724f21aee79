import { describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, formatRelativeDate, formatSpeed } from "./format";

describe("formatDuration", () => {
  it.each([
    [0.2, "1 s"],
    [42, "42 s"],
    [60, "1 min"],
    [150, "3 min"],
    [3600, "1 h"],
    [3900, "1 h 5 min"],
    [200_000, "2 d"],
  ])("%d s -> %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe("formatSpeed", () => {
  it("uses the binary units sizes are shown in, per second", () => {
    expect(formatSpeed(2_400_000)).toBe("2.3 MiB/s");
    expect(formatSpeed(512)).toBe("512 B/s");
  });
});

describe("formatRelativeDate", () => {
  const now = new Date(2025, 5, 15, 14, 0, 0); // Jun 15 2025, 14:00 local
  const at = (ms: number) => new Date(now.getTime() - ms);

  it("is relative within a week", () => {
    expect(formatRelativeDate(at(10_000), now, "en-US")).toBe("just now");
    expect(formatRelativeDate(at(5 * 60_000), now, "en-US")).toBe("5 min. ago");
    expect(formatRelativeDate(at(3 * 3_600_000), now, "en-US")).toBe("3 hr. ago");
    expect(formatRelativeDate(new Date(2025, 5, 14, 9, 0), now, "en-US")).toBe("yesterday");
    expect(formatRelativeDate(new Date(2025, 5, 12, 9, 0), now, "en-US")).toBe("3 days ago");
  });

  it("is a short date after that, with the year only when it differs", () => {
    expect(formatRelativeDate(new Date(2025, 2, 4, 9, 0), now, "en-US")).toBe("Mar 4");
    expect(formatRelativeDate(new Date(2023, 2, 4, 9, 0), now, "en-US")).toBe("Mar 4, 2023");
  });

  it("gives the exact time for tooltips", () => {
    expect(formatDateTime(new Date(2024, 2, 4, 15, 7), "en-US")).toMatch(/^Mar 4, 2024,? (at )?3:07\sPM$/);
  });
});

describe("formatBytes", () => {
  it("shows sizes in the binary units quotas are set in", async () => {
    const { formatBytes } = await import("@/lib/bytes");
    expect(formatBytes(10 * 1024 ** 3)).toBe("10 GiB"); // not "10.7 GB"
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(12_345)).toBe("12.1 KiB");
    expect(formatBytes(1024 ** 2 - 1)).toBe("1 MiB");
    expect(formatBytes(250 * 1024 ** 2)).toBe("250 MiB");
  });
});
