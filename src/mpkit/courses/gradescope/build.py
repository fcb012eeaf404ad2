"""Pack the Gradescope autograder zip from the kit and mpkit's own source."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ...errors import MpkitError
from ...kit.manifest import load_manifest

FILES = Path(__file__).with_name("files")
_EXECUTABLE = 0o100755 << 16
_READABLE = 0o100644 << 16
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the same kit gives the same zip, byte for byte


def _tree(folder: Path):
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def _inside(path: Path, root: Path, what: str) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise MpkitError(f"{what} {path} is outside the kit folder {root}; the autograder can only pack the kit") from None


def contents(kit: Path) -> dict:
    """{name in the zip: file on disk} for everything the autograder needs."""
    import mpkit

    kit = Path(kit).resolve()
    manifest = load_manifest(kit / "config" / "manifest.yaml")
    package = Path(mpkit.__file__).resolve().parent
    project = package.parent.parent  # src/mpkit -> the folder holding pyproject.toml
    if not (project / "pyproject.toml").is_file():
        raise MpkitError(f"no pyproject.toml next to mpkit's source ({project}); "
                         "`mpkit gradescope` needs mpkit installed from its source folder (pip install -e .)")
    files = {"setup.sh": FILES / "setup.sh", "run_autograder": FILES / "run_autograder",
             "pyproject.toml": project / "pyproject.toml"}
    readme = project / "README.md"
    if readme.is_file():  # pyproject names it; pip needs it to build
        files["README.md"] = readme
    for path in _tree(package):
        files[f"src/mpkit/{path.relative_to(package).as_posix()}"] = path
    files[_inside(manifest.path, kit, "the manifest")] = manifest.path
    for task in manifest.tasks:
        for path in _tree(task.grader.parent):
            files[_inside(path, kit, "grader file")] = path
        for path in (p for p in (task.stub, task.solution) if p is not None):
            files[_inside(path, kit, "task file")] = path
    return files


def write_zip(kit: Path, out: Path) -> dict:
    out = Path(out)
    if out.suffix != ".zip":
        raise MpkitError(f"{out}: the autograder is a .zip file (Gradescope asks for one)")
    files = contents(kit)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, _FIXED_TIME)
            info.external_attr = _EXECUTABLE if name in ("setup.sh", "run_autograder") else _READABLE
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name].read_bytes())
    return files
