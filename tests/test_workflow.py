"""The Pages workflow deploys only what it tested: in its build job the tests run before the
build, the build's checks after it, the upload last; the deploy job needs that job and does
nothing but deploy its artifact. Dependencies come from the lock, hashes required.
(zizmor and actionlint, run by .ci/lint-workflows, check pinning, permissions and syntax.)"""

from __future__ import annotations

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/pages.yml"


def _jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def _step(steps: list[dict], text: str) -> int:
    found = [i for i, step in enumerate(steps) if text in step.get("run", "") + step.get("uses", "")]
    assert len(found) == 1, f"{text!r} is in {len(found)} steps of the build job"
    return found[0]


def test_the_build_job_tests_then_builds_then_checks_then_uploads():
    steps = _jobs()["build"]["steps"]
    order = [_step(steps, text) for text in (
        "pip install --require-hashes -r locks/test.txt",
        ".ci/lint-workflows",
        'pytest -m "not browser"',
        "node --test tests/js/",
        "mkdocs build",
        "crosswalk verify site --publishing",
        "crosswalk footprint site --check",
        "actions/upload-pages-artifact@",
    )]
    assert order == sorted(order)


def test_the_deploy_job_only_deploys_the_tested_build():
    deploy = _jobs()["deploy"]
    assert deploy["needs"] == "build"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
