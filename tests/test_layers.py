"""The wings of generator/ and their layers, as the import-linter contract in pyproject.toml
writes them down: a wrong import fails here, not in review."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT

LINT = Path(sys.executable).with_name("lint-imports")
# Outside the layers: the package's own entry point.
UNLAYERED = {"generator.__main__"}


def contracts() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def lint(config: Path | None = None) -> subprocess.CompletedProcess:
    args = [str(LINT)] + (["--config", str(config)] if config else [])
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_import_contracts_are_kept():
    result = lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_every_wing_and_module_of_the_generator_is_in_a_layer():
    layers = next(c for c in contracts()["contracts"] if c["type"] == "layers")["layers"]
    named = {name.strip() for layer in layers for name in layer.split("|")}
    top = {f"generator.{p.stem if p.suffix == '.py' else p.name}" for p in (ROOT / "generator").iterdir()
           if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    assert len(top) > 8
    assert top - UNLAYERED == named


def test_a_layer_turned_upside_down_breaks_the_contract(tmp_path):
    """The contract can fail: with content above the site, the site's imports of content break it."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    upside_down = text.replace('  "generator.site | generator.ingest",\n', "").replace(
        '  "generator.content",\n', '  "generator.content",\n  "generator.site | generator.ingest",\n')
    assert upside_down != text
    config = tmp_path / "pyproject.toml"
    config.write_text(upside_down, encoding="utf-8")
    result = lint(config)
    assert result.returncode == 1
    assert "generator.site" in result.stdout and "BROKEN" in result.stdout
