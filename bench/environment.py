"""The environment the benchmark runs its commands in."""
import os


def default_env() -> dict:
    """This environment, with Python's default bytecode cache: a student's
    laptop writes __pycache__, and some CI images turn that off."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
