#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image
# (the zip is unpacked in /autograder/source). It installs Python and the kit
# with its dependencies, from the pyproject.toml in the zip.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends python3 python3-venv python3-pip
python3 -m venv /autograder/mpkit-venv
/autograder/mpkit-venv/bin/pip install --quiet --no-cache-dir /autograder/source
