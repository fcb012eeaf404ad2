"""The submission is graded as handed in.

With the kernel layer (Landlock) no run can write to the submission folder.
Without it (macOS, Windows, old kernels) code that gets around the audit hook
(ctypes, a C extension) could change another task's file before that task's
runs read it. So the grader keeps every file of the submission (bytes) from
before the first run, compares after the last one, and:
- fails every check of each task whose file changed (any task, when a file
  that is not a task file changed: it may be imported by any of them), with
  one line saying so;
- puts the folder back as it was handed in (changed and deleted files
  restored, new files removed).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 64 * 1024 * 1024  # a submission bigger than this is not kept in memory (only its sizes and times)


@dataclass
class Snapshot:
    folder: Path
    files: dict = field(default_factory=dict)  # relative path -> bytes

    @classmethod
    def take(cls, folder: Path) -> "Snapshot":
        snap = cls(Path(folder))
        total = 0
        for path in _walk(snap.folder):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            total += len(data)
            if total > MAX_BYTES:
                break
            snap.files[path.relative_to(snap.folder).as_posix()] = data
        return snap

    def changes(self) -> list[str]:
        """Relative paths changed, deleted or added since the snapshot."""
        now = {p.relative_to(self.folder).as_posix(): p for p in _walk(self.folder)}
        changed = []
        for name, data in self.files.items():
            path = now.get(name)
            try:
                if path is None or path.read_bytes() != data:
                    changed.append(name)
            except OSError:
                changed.append(name)
        changed += [name for name in now if name not in self.files]
        return sorted(changed)

    def restore(self, changed: list[str]) -> None:
        for name in changed:
            path = self.folder / name
            try:
                if name in self.files:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    if path.is_symlink() or not path.is_file():
                        _remove(path)
                    path.write_bytes(self.files[name])
                else:
                    _remove(path)
            except OSError:
                pass


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        import shutil

        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _walk(folder: Path):
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            yield Path(root) / name


def tampered_tasks(changed: list[str], task_files: dict) -> dict:
    """{task id: the changed file that condemns it}; task_files: {task id: file name}."""
    by_file = {name: task_id for task_id, name in task_files.items()}
    hit = {}
    for name in changed:
        if name in by_file:
            hit.setdefault(by_file[name], name)
        else:  # a helper module, a .pyc: any task may have read it
            for task_id in task_files:
                hit.setdefault(task_id, name)
    return hit


def message(name: str) -> tuple[str, str, str]:
    """(expected, observed, hint) for a task graded on a changed file."""
    return (
        "the submitted files to stay as they were handed in while they are graded",
        f"the file {name} was changed while the submission was graded (by the code being graded)",
        "your code must not write to, delete or create files in the submission folder; "
        "the folder has been put back as you handed it in",
    )
