"""The environment the tests run in is the locked one: every package ``locks/test.txt`` pins
for this Python is installed at the pinned version, and nothing else is installed.

The lock is read here with a parser of its own (name==version, then an optional marker), so
that what is compared is the file as pip reads it and the environment as Python reports it.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "locks"
PROJECT = "community-governance-crosswalk"
# Installed by the venv itself or by the editable install, never by the lock.
TOOLING = {"pip", "setuptools", "wheel"}

_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;(?P<marker>[^\\]+))?")


def pins(lock: Path) -> dict[str, str]:
    """The versions ``lock`` pins for the running Python; every pin carries its hashes."""
    found: dict[str, str] = {}
    lines = lock.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        m = _PIN.match(line)
        if not m:
            continue
        assert lines[number + 1].strip().startswith("--hash=sha256:"), f"{lock.name}:{number + 1}: {line} has no hash"
        if m["marker"] and not Marker(m["marker"].strip()).evaluate():
            continue
        found[canonicalize_name(m["name"])] = m["version"]
    return found


def installed() -> dict[str, str]:
    return {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}


def test_the_installed_packages_are_exactly_the_locked_set():
    locked = pins(LOCKS / "test.txt")
    assert len(locked) > 40, "the test lock names fewer packages than the runtime and test extras need"
    have = {name: version for name, version in installed().items()
            if name not in TOOLING and name != canonicalize_name(PROJECT)}
    wrong = {name: (have.get(name), version) for name, version in locked.items() if have.get(name) != version}
    extra = sorted(set(have) - set(locked))
    assert not wrong, ("installed ≠ locked (installed, locked): " + repr(wrong)
                       + "; install with: .venv/bin/pip install --require-hashes -r locks/test.txt")
    assert not extra, f"installed but not in locks/test.txt: {extra} (a fresh venv from the lock has none)"


def test_the_runtime_lock_is_the_test_lock_cut_to_what_a_build_needs():
    runtime, test = pins(LOCKS / "runtime.txt"), pins(LOCKS / "test.txt")
    assert runtime and {"mkdocs", "mkdocs-material", "citeproc-py"} <= set(runtime)
    assert not {"pytest", "playwright", "zizmor"} & set(runtime)
    assert {name: test.get(name) for name in runtime} == runtime


def test_every_dependency_pyproject_declares_is_locked():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    locked = pins(LOCKS / "test.txt")
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    assert declared
    for requirement in declared:
        name, _, marker = requirement.partition(";")
        if marker and not Marker(marker.strip()).evaluate():
            continue
        name = canonicalize_name(re.split(r"[<>=!~\[ ]", name.strip(), maxsplit=1)[0])
        assert name in locked, f"{name} is declared in pyproject.toml but not locked: run .ci/lock"
