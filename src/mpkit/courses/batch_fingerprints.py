"""What a batch grading depends on, as fingerprints, and when to grade again.

A student is graded again only when the fingerprint of their submission,
of the kit (manifest, graders, mpkit's version) or of the options changed,
or the last grading did not finish (`why_grade`). See batch.py.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..kit.manifest import Manifest


def _hash_files(digest, root: Path, files) -> None:
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _tree(root: Path) -> list:
    # Links are left out: one pointing at a huge file elsewhere would stall the hashing.
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and not p.is_symlink() and "__pycache__" not in p.parts)


def kit_fingerprint(manifest: Manifest) -> str:
    """What the grades depend on besides the submission: the manifest, the graders and
    mpkit's version (a change to mpkit's code without a new version needs --force)."""
    import mpkit

    digest = hashlib.sha256(f"mpkit {mpkit.__version__}\0".encode())
    _hash_files(digest, manifest.root, [manifest.path])
    graders = sorted({t.grader.parent for t in manifest.tasks})
    for folder in graders:
        _hash_files(digest, manifest.root, [p for p in _tree(folder) if p.suffix in (".py", ".ini")])
    return digest.hexdigest()


def submission_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    if folder.is_file():  # a free-form student's notebook
        _hash_files(digest, folder.parent, [folder])
        return digest.hexdigest()
    _hash_files(digest, folder, _tree(folder))
    return digest.hexdigest()


def why_grade(stored: dict | None, current: dict, results_exist: bool) -> str | None:
    """Why a student must be graded again (None: the stored results still hold)."""
    if stored is None or not results_exist:
        return "new"
    if not stored.get("complete"):
        return "the last grading did not finish"
    if stored.get("kit") != current["kit"]:
        return "the kit changed (manifest, graders or mpkit version)"
    if stored.get("options") != current["options"]:
        return "the options changed"
    if stored.get("submission") != current["submission"]:
        return "its files changed"
    return None
