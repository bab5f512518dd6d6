#!/usr/bin/env python3
"""Draw the layer map of docs/architecture.md from dbt's manifest.

Usage:
    dbt parse && python scripts/architecture.py [--manifest target/manifest.json] [--write docs/architecture.md]

Reads the parsed manifest (no warehouse needed) and prints the map: one
Mermaid flowchart of the model folders (models/<layer>/<area>), with an arrow
from a folder to every folder that reads one of its models, and a table of
the models in each folder. With --write, it replaces the text between the
`<!-- layer map -->` markers of that file. The suite checks that the page
equals what this script draws (tests/python/test_governance.py), so the map
cannot drift from the code.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

BEGIN, END = "<!-- layer map: begin (scripts/architecture.py writes this part) -->", "<!-- layer map: end -->"
LAYERS = ["staging", "intermediate", "marts", "audit", "reports", "exports", "semantic"]


def folder(node: dict) -> str:
    """models/<layer>/<area>/x.sql -> '<layer>/<area>'; models/<layer>/x.sql -> '<layer>'."""
    parts = node["original_file_path"].split("/")[1:-1]
    return "/".join(parts[:2])


def layer_map(manifest: dict, package: str = "mta") -> str:
    nodes = {
        key: node
        for key, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["package_name"] == package
    }
    folders: dict[str, list[str]] = {}
    for node in nodes.values():
        folders.setdefault(folder(node), []).append(node["name"])
    edges = sorted(
        {
            (folder(nodes[parent]), folder(node))
            for node in nodes.values()
            for parent in node["depends_on"]["nodes"]
            if parent in nodes and folder(nodes[parent]) != folder(node)
        }
    )

    def ident(name: str) -> str:
        return name.replace("/", "__")

    def order(name: str) -> tuple[int, str]:
        return (LAYERS.index(name.split("/")[0]), name)

    lines = ["```mermaid", "flowchart LR"]
    for layer in LAYERS:
        members = sorted(f for f in folders if f.split("/")[0] == layer)
        if not members:
            continue
        lines.append(f"    subgraph {layer}")
        lines.extend(f'        {ident(f)}["{f}"]' for f in members)
        lines.append("    end")
    lines.extend(f"    {ident(a)} --> {ident(b)}" for a, b in edges)
    lines.append("```")
    lines += ["", "| folder | models | read by |", "|---|---|---|"]
    for name in sorted(folders, key=order):
        readers = sorted({b for a, b in edges if a == name}, key=order)
        models = ", ".join(f"`{m}`" for m in sorted(folders[name]))
        lines.append(f"| `models/{name}/` | {models} | {', '.join(f'`{r}`' for r in readers) or '-'} |")
    return "\n".join(lines) + "\n"


def replace_between_markers(text: str, body: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n" + body + text[end:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--manifest", default="target/manifest.json")
    parser.add_argument("--write", help="file whose layer-map markers to fill (docs/architecture.md)")
    args = parser.parse_args()
    body = layer_map(json.loads(Path(args.manifest).read_text()))
    if args.write:
        path = Path(args.write)
        path.write_text(replace_between_markers(path.read_text(), body))
    else:
        print(body, end="")


if __name__ == "__main__":
    main()
