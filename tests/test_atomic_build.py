"""`mkdocs build` replaces the site only when the new one is complete (kb.mkdocs.atomic).

A real small build in a child process is interrupted (Ctrl-C: SIGINT to its process group, as a terminal
sends it; SIGKILL) at random moments; the previous site must be intact, file for file and byte for byte,
no folder may be left in the project, and Ctrl-C prints one line and no traceback.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kb.mkdocs.atomic import PREFIX, replace_folder

MKDOCS = [sys.executable, "-m", "mkdocs"]


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def start(root: Path, search: bool) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_SEARCH_INDEX": "1" if search else "0"}
    return subprocess.Popen([*MKDOCS, "build", "--strict"], cwd=root, env=env, text=True, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def leftovers(pid: int) -> list[Path]:
    return sorted(Path(tempfile.gettempdir()).glob(f"{PREFIX}{pid}-*"))


def complete_build(root: Path) -> float:
    began = time.monotonic()
    proc = start(root, search=True)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert (root / "site" / "pagefind" / "pagefind.js").is_file()  # the index is in the site put in place
    assert not leftovers(proc.pid)
    return time.monotonic() - began


def test_interrupted_builds_leave_the_previous_site_and_nothing_else(site_dir: Path, tmp_path: Path):
    root = site_dir
    first = complete_build(root)
    old, kept = snapshot(root / "site"), tmp_path / "previous-site"
    shutil.copytree(root / "site", kept)
    # Changed content: a build that got as far as putting its site in place is told apart from the previous site.
    path = root / "content" / "qa" / "overfitting.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("什么是过拟合", "什么是过拟合呢", 1), encoding="utf-8")
    # The faster of two builds: another process of the test run may be slowing this one down.
    seconds = min(first, complete_build(root))
    new = snapshot(root / "site")
    assert new != old

    def restore() -> None:
        shutil.rmtree(root / "site")
        shutil.copytree(kept, root / "site")

    restore()
    entries = sorted(os.listdir(root))
    rng = random.Random(os.environ.get("KB_KILL_SEED", "kb"))
    interrupted = 0
    # At least six signals, more (up to twelve) until three came before the new site was in place: a build
    # slower or faster than the measured one may finish first, or not have started writing.
    signals = [signal.SIGINT, signal.SIGKILL, signal.SIGINT, signal.SIGKILL, signal.SIGINT, signal.SIGINT] * 2
    for attempt, sig in enumerate(signals):
        if attempt >= 6 and interrupted >= 3:
            break
        delay = rng.uniform(0.15, 0.85) * seconds
        proc = start(root, search=True)
        time.sleep(delay)
        os.killpg(proc.pid, sig)
        _, err = proc.communicate(timeout=600)
        where = f"{signal.Signals(sig).name} after {delay:.1f} s of a {seconds:.1f} s build"
        got = snapshot(root / "site")
        assert got in (old, new), where  # never a mix: the previous site, or the new one complete
        assert sorted(os.listdir(root)) == entries, where
        if sig == signal.SIGINT:
            assert "Traceback" not in err, (where, err)
        if got == new:  # the signal came after the new site was in place
            restore()
            continue
        interrupted += 1
        assert proc.returncode != 0, where
        if sig == signal.SIGINT:
            assert proc.returncode in (1, 130), where
            if proc.returncode == 130:
                assert err.strip().splitlines()[-1].endswith("kb: build interrupted; site is left as it was"), err
            assert not leftovers(proc.pid), where
    assert interrupted >= 3


def test_a_failed_build_keeps_the_previous_site(site_dir: Path):
    (site_dir / "site").mkdir()
    (site_dir / "site" / "index.html").write_text("previous deploy\n", encoding="utf-8")
    (site_dir / "docs" / "broken.md").write_text("[a link](missing.md)\n", encoding="utf-8")  # a warning
    entries = sorted(os.listdir(site_dir))
    proc = start(site_dir, search=False)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 1
    assert "warnings in strict mode" in err, err
    assert snapshot(site_dir / "site") == {"index.html": hashlib.sha256(b"previous deploy\n").hexdigest()}
    assert sorted(os.listdir(site_dir)) == entries
    assert not leftovers(proc.pid)


def test_replace_folder_swaps_and_keeps_the_old_one_aside(tmp_path: Path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old", encoding="utf-8")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "new.html").write_text("new", encoding="utf-8")
    replace_folder(tmp_path / "new", tmp_path / "site", tmp_path / "aside")
    assert sorted(os.listdir(tmp_path / "site")) == ["new.html"]
    assert sorted(os.listdir(tmp_path / "aside")) == ["old.html"]
    assert not (tmp_path / "new").exists()


def test_a_full_disk_during_the_build_is_one_line_and_keeps_the_site(site_dir: Path):
    """Every write fails (RLIMIT_FSIZE 0, as on a full disk) once the build has begun: MkDocs' own page
    writes raised an OSError traceback and left site/ emptied."""
    (site_dir / "site").mkdir()
    (site_dir / "site" / "index.html").write_text("previous deploy\n", encoding="utf-8")
    entries = sorted(os.listdir(site_dir))
    code = ("import resource, signal, tempfile; tempfile.gettempdir(); "
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0)); "
            "from mkdocs.__main__ import cli; cli(['build', '--strict'])")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_SEARCH_INDEX": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-c", code], cwd=site_dir, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr, done.stderr
    assert "(File too large); the previous site is unchanged" in done.stderr, done.stderr
    assert "Aborted with a file system error!" in done.stdout + done.stderr
    assert snapshot(site_dir / "site") == {"index.html": hashlib.sha256(b"previous deploy\n").hexdigest()}
    assert sorted(os.listdir(site_dir)) == entries
