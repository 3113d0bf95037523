"""The GitHub Actions workflows, checked offline: schema, security audit, and the deployment rules."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github/workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))


def load(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def test_workflows_exist():
    assert [p.name for p in FILES] == ["pages.yml", "test.yml"]


def test_workflows_match_the_github_schema():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             *map(str, FILES)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.dependabot",
                             str(REPO / ".github/dependabot.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", str(REPO / ".github")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path):
    uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", path.read_text(encoding="utf-8"), re.M)
    assert uses
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), f"{ref}: add '# vX.Y.Z'"


def test_pages_workflow_has_least_privilege_and_one_deployment_at_a_time():
    wf = load("pages.yml")
    assert wf["permissions"] == {"contents": "read"}
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    steps = {s.get("id") or s.get("name"): s for s in build["steps"]}
    assert steps["Build the site"]["run"].endswith("mkdocs build --strict")
    assert "SOURCE_DATE_EPOCH" in steps["Build the site"]["run"]  # reproducible sitemap dates
    assert steps["Build the site"]["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert steps["Build the site"]["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert steps["pages"]["uses"].startswith("actions/configure-pages@")
    assert steps["Upload the site"]["uses"].startswith("actions/upload-pages-artifact@")
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    for job in (build, deploy):
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_mkdocs_reads_the_urls_the_pages_workflow_sets():
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL,", text, re.M)
    assert re.search(r"^repo_url: !ENV \[REPO_URL,", text, re.M)


def test_test_workflow_runs_the_test_script_on_pull_requests():
    wf = load("test.yml")
    assert "pull_request" in wf["on"] and wf["on"]["push"] == {"branches": ["main"]}
    assert wf["permissions"] == {"contents": "read"}
    runs = [s.get("run", "") for s in wf["jobs"]["test"]["steps"]]
    assert "bash scripts/test.sh" in runs
    assert ".venv/bin/kb check --format github" in runs
    # scripts/test.sh installs system packages with apt-get, as root: a Debian container like this machine
    assert wf["jobs"]["test"]["container"]["image"].startswith("python:3.11-bookworm")
