"""Find a submission's task files, wherever the upload put them.

Students zip a folder, upload a folder with a subfolder, or drag files in
one by one: `q3_create_process.py` may sit at the top of the submission or
a few folders down. The graders look for each task file by name at the top
of one folder, so a nested upload is first copied, flat, into a staging
folder.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .manifest import Manifest

# Folders that never hold the student's own files (archive tools, editors, caches).
_IGNORED = {"__MACOSX", "__pycache__", "node_modules", ".git", ".venv", "venv"}


@dataclass
class Located:
    """Where each task file of a submission was found (None: nowhere)."""

    root: Path
    files: dict = field(default_factory=dict)  # task file name -> Path | None
    ambiguous: dict = field(default_factory=dict)  # task file name -> other candidates, not used

    @property
    def flat(self) -> bool:
        """Every task file found sits at the top of the submission."""
        return all(p is None or p.parent == self.root for p in self.files.values())

    @property
    def missing(self) -> list:
        return [name for name, path in self.files.items() if path is None]

    def describe(self, missing: bool = True) -> list:
        """One line per task file that was not simply at the top (or, with missing=False, was found elsewhere)."""
        lines = []
        for name, path in self.files.items():
            if path is None:
                if missing:
                    lines.append(f"{name}: not found")
            elif path.parent != self.root:
                lines.append(f"{name}: found in {path.parent.relative_to(self.root)}/")
            for other in self.ambiguous.get(name, ()):
                lines.append(f"{name}: also at {other.relative_to(self.root)} (not used)")
        return lines


def _candidates(root: Path):
    """Files under root, shallowest first, skipping hidden and tool folders."""
    level = [root]
    while level:
        below = []
        for folder in level:
            try:
                entries = sorted(folder.iterdir())
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(".") or entry.name in _IGNORED or entry.is_symlink():
                    continue
                if entry.is_dir():
                    below.append(entry)
                elif entry.is_file():
                    yield entry
        level = below


def locate(submission: Path, manifest: Manifest) -> Located:
    """Each task file's shallowest occurrence under `submission`."""
    root = Path(submission)
    wanted = {t.file for t in manifest.tasks}
    found: dict = {name: [] for name in sorted(wanted)}
    for path in _candidates(root):
        if path.name in wanted:
            found[path.name].append(path)
    located = Located(root=root)
    for name, paths in found.items():
        located.files[name] = paths[0] if paths else None
        if len(paths) > 1:
            located.ambiguous[name] = paths[1:]
    return located


def stage(located: Located, folder: Path) -> Path:
    """Copy the task files that were found into `folder`, flat."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in located.files.items():
        if path is not None:
            shutil.copyfile(path, folder / name)
    return folder
