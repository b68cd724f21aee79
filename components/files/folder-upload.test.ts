import { describe, expect, it } from "vitest";
import { folderSegments, uploadTree } from "./folder-upload";

const dropped = (path: string) => Object.assign(new File(["x"], path.split("/").at(-1)!), { path });

describe("a dropped folder keeps its structure", () => {
  it("reads the folders of a drop path, whatever its prefix", () => {
    expect(folderSegments(dropped("/album/2024/a.jpg"))).toEqual(["album", "2024"]);
    expect(folderSegments(dropped("./album/a.jpg"))).toEqual(["album"]);
    expect(folderSegments(dropped("a.jpg"))).toEqual([]);
  });

  it("creates each folder once, parents first, and queues every file into its own folder", async () => {
    const ensured: string[] = [];
    const queued: [string[], string | null][] = [];
    await uploadTree(
      [dropped("/album/2024/a.jpg"), dropped("/loose.txt"), dropped("/album/cover.jpg"), dropped("/album/2024/b.jpg")],
      "here",
      (files, folderId) => queued.push([files.map((f) => f.name), folderId]),
      async (parentId, path) => {
        ensured.push(`${parentId}:${path.join("/")}`);
        return { id: path.join("/") };
      },
    );
    expect(ensured).toEqual(["here:album", "here:album/2024"]);
    expect(queued).toEqual([
      [["loose.txt"], "here"],
      [["cover.jpg"], "album"],
      [["a.jpg", "b.jpg"], "album/2024"],
    ]);
  });
});
