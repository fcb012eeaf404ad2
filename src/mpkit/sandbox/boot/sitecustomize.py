# mpkit sandbox boot hook.
#
# This directory is put on PYTHONPATH of every sandboxed run, so every Python
# process of the run (the harness, spawn and forkserver children, even
# `python` started with subprocess) imports this file at start-up. It does
# nothing unless the run's record directory is set.
import os

if os.environ.get("MPKIT_RUN_DIR"):
    import _mpkit_trace

    _mpkit_trace.install()
