"use client";

import { ChevronRight, Folder, Home } from "lucide-react";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useFolderTree, type Entry } from "./queries";

interface Node {
  id: string | null;
  name: string;
  children: Node[];
}

/** The folder tree as nested nodes under "My files", children sorted by name. */
function buildTree(folders: { id: string; name: string; parentId: string | null }[]): Node {
  const root: Node = { id: null, name: "My files", children: [] };
  const nodes = new Map<string, Node>(folders.map((f) => [f.id, { id: f.id, name: f.name, children: [] }]));
  for (const folder of folders)
    (folder.parentId ? (nodes.get(folder.parentId) ?? root) : root).children.push(nodes.get(folder.id)!);
  const sort = (node: Node) => {
    node.children.sort((a, b) => a.name.localeCompare(b.name));
    node.children.forEach(sort);
  };
  sort(root);
  return root;
}

/**
 * Picks where to move entries: a folder tree of buttons (Tab and Enter), in which the moved
 * folders and everything below them cannot be chosen.
 */
export function MoveDialog({
  entries,
  onClose,
  onMove,
}: {
  entries: Entry[] | null;
  onClose: () => void;
  onMove: (folderId: string | null, name: string) => void;
}) {
  const tree = useFolderTree(entries !== null);
  const [target, setTarget] = useState<{ id: string | null; name: string } | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string | null>>(new Set([null]));
  const root = useMemo(() => buildTree(tree.data?.folders ?? []), [tree.data]);
  const moving = new Set(entries?.filter((e) => e.kind === "folder").map((e) => e.id));
  const title = entries?.length === 1 ? `Move “${entries[0].name}”` : `Move ${entries?.length ?? 0} items`;

  function renderNode(node: Node, depth: number, blocked: boolean) {
    const disabled = blocked || (node.id !== null && moving.has(node.id));
    const open = expanded.has(node.id);
    const selected = target?.id === node.id && target !== null;
    return (
      <li key={node.id ?? "root"}>
        <div className="flex items-center" style={{ paddingLeft: depth * 16 }}>
          <button
            type="button"
            tabIndex={node.children.length ? 0 : -1}
            aria-expanded={open}
            aria-label={open ? `Collapse ${node.name}` : `Expand ${node.name}`}
            onClick={() =>
              setExpanded((s) => {
                const next = new Set(s);
                if (open) next.delete(node.id);
                else next.add(node.id);
                return next;
              })
            }
            className={`rounded p-1 text-zinc-500 ${node.children.length ? "" : "invisible"}`}
          >
            <ChevronRight className={`size-4 transition-transform ${open ? "rotate-90" : ""}`} aria-hidden />
          </button>
          <button
            type="button"
            disabled={disabled}
            aria-pressed={selected}
            onClick={() => setTarget({ id: node.id, name: node.name })}
            className={`flex min-w-0 flex-1 items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm disabled:opacity-40 ${selected ? "bg-indigo-100 font-medium text-indigo-950 dark:bg-indigo-900 dark:text-indigo-50" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"} focus-visible:outline-2 focus-visible:outline-indigo-500`}
          >
            {node.id === null ? (
              <Home className="size-4 shrink-0" aria-hidden />
            ) : (
              <Folder className="size-4 shrink-0 text-sky-600 dark:text-sky-400" aria-hidden />
            )}
            <span className="truncate">{node.name}</span>
          </button>
        </div>
        {open && node.children.length > 0 && (
          <ul>{node.children.map((child) => renderNode(child, depth + 1, disabled))}</ul>
        )}
      </li>
    );
  }

  const close = () => {
    setTarget(null);
    onClose();
  };
  return (
    <Dialog
      open={entries !== null}
      onClose={close}
      title={title}
      description="Choose a folder."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button
            disabled={!target}
            onClick={() => {
              onMove(target!.id, target!.name);
              close();
            }}
          >
            Move here
          </Button>
        </>
      }
    >
      {tree.isPending ? (
        <p className="py-6 text-center text-sm text-zinc-500" role="status">
          Loading folders…
        </p>
      ) : tree.isError ? (
        <p className="py-6 text-center text-sm text-red-600" role="alert">
          Could not load your folders.
        </p>
      ) : (
        <ul aria-label="Folders" className="min-h-48">
          {renderNode(root, 0, false)}
        </ul>
      )}
    </Dialog>
  );
}
