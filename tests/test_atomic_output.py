"""Atomic output: a failure or Ctrl-C midway leaves the previous file as it was.

Every registered exporter is tried, so exporters added later are covered too.
"""

from __future__ import annotations

import errno
import os
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from samverkan.contract import Analysis, Exporter
from samverkan.errors import SamverkanError
from samverkan.io import atomic_write
from samverkan.pipeline import find_project, run_analysis
from samverkan.plugins import Plugins, get_plugins

OLD = b"the previous file, which must survive"


def exporters() -> list[Exporter]:
    return sorted(get_plugins().exporters(), key=lambda e: e.format)


def analysis_of(workbook: Path, plugins: Plugins) -> Analysis:
    analysis, report = run_analysis(find_project([workbook]), plugins, "sv", date(2017, 6, 1))
    assert not report.errors
    return analysis


def leftovers(folder: Path, keep: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p != keep and p.suffix != ".xlsx"]


@pytest.mark.parametrize("exporter", exporters(), ids=lambda e: e.format)
def test_a_failed_rename_leaves_the_previous_file_of_every_exporter(
    exporter: Exporter, small_workbook: Path, plugins: Plugins, tmp_path: Path, monkeypatch
) -> None:
    analysis = analysis_of(small_workbook, plugins)
    out = tmp_path / "ut"
    out.mkdir()
    target = out / f"karta{exporter.suffix}"
    target.write_bytes(OLD)

    def refuse(source: Any, destination: Any) -> None:
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(os, "rename", refuse)
    with pytest.raises(SamverkanError) as caught:
        exporter.export(analysis, target)
    assert str(out) in caught.value.describe("sv")  # names the file (or a companion file)
    assert target.read_bytes() == OLD
    assert leftovers(out, target) == []  # no temporary file left behind


def test_ctrl_c_midway_through_writing_keeps_the_previous_map(
    run_cli, small_workbook: Path, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "karta.html"
    target.write_bytes(OLD)
    real_fdopen = os.fdopen

    class Interrupted:
        """A stream that writes some bytes, then the user presses Ctrl-C."""

        def __init__(self, stream: Any) -> None:
            self.stream = stream

        def __enter__(self) -> Interrupted:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: bytes) -> int:
            self.stream.write(data[: len(data) // 2])
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Interrupted(real_fdopen(*a, **k)))
    result = run_cli("map", small_workbook, "-o", target)
    assert result.exit_code == 1  # click: "Aborted!"
    assert "Traceback" not in result.output
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path, target) == []


def test_an_exporter_failing_midway_leaves_the_previous_map(
    run_cli, small_workbook: Path, tmp_path: Path, monkeypatch
) -> None:
    import samverkanskartan.htmlmap

    target = tmp_path / "karta.html"
    target.write_bytes(OLD)

    def fail_after_start(*args: object) -> str:
        raise MemoryError("out of memory while rendering")

    monkeypatch.setattr(samverkanskartan.htmlmap, "render", fail_after_start)
    result = run_cli("map", small_workbook, "-o", target)
    assert result.exit_code == 2
    assert str(target) in result.stderr and "Traceback" not in result.output
    assert target.read_bytes() == OLD


def test_an_output_folder_that_cannot_be_written_is_named(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "utdata"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    target = blocker / "karta.html"
    for lang, words in (
        ("sv", "Kunde inte skriva filen: en del av sökvägen är en fil, inte en mapp"),
        ("en", "Could not write the file: part of the path is a file, not a folder"),
    ):
        result = run_cli("map", small_workbook, "-o", target, "--lang", lang)
        assert result.exit_code == 2
        assert str(target) in result.stderr and words in result.stderr
        assert "Traceback" not in result.output
        assert "Not a directory" not in result.stderr  # the system's English words


def test_why_a_file_cannot_be_written_is_said_in_swedish(
    run_cli, small_workbook: Path, tmp_path: Path, monkeypatch
) -> None:
    """The reason was the system's English words: 'Kunde inte skriva filen: Permission denied'."""

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = run_cli("map", small_workbook, "-o", tmp_path / "karta.html")
    assert result.exit_code == 2
    assert "Kunde inte skriva filen: disken är full" in result.stderr
    assert "No space left" not in result.stderr


def test_an_existing_map_is_replaced_only_when_complete(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    target = tmp_path / "karta.html"
    target.write_bytes(OLD)
    result = run_cli("map", small_workbook, "-o", target)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    report = tmp_path / "karta-rapport.html"  # map writes the report beside the map
    assert leftovers(tmp_path, target) == [report]  # and no temporary file is left
    assert report.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_written_files_are_as_readable_as_any_other_file(tmp_path: Path) -> None:
    """mkstemp creates private files; a map on a shared drive must open for colleagues."""
    target = tmp_path / "karta.html"
    atomic_write(target, "<p>karta</p>")
    plain = tmp_path / "vanlig.html"
    plain.write_text("x", encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)
    assert target.read_text(encoding="utf-8") == "<p>karta</p>"


def report_beside(target: Path) -> Path:
    return target.with_name(f"{target.stem}-rapport.html")


def old_pair(folder: Path) -> tuple[Path, Path]:
    """A map and its report from an earlier run."""
    target = folder / "karta.html"
    target.write_bytes(OLD)
    report_beside(target).write_bytes(OLD)
    return target, report_beside(target)


def test_a_failing_report_leaves_the_previous_map_too(
    run_cli, small_workbook: Path, tmp_path: Path, monkeypatch
) -> None:
    """map writes the map and its report as a pair: a new map beside an old report would
    tell the steering group two different stories."""
    import samverkanskartan.report

    out = tmp_path / "ut"
    out.mkdir()
    target, report = old_pair(out)

    def disk_full(*args: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(samverkanskartan.report, "render_html", disk_full)
    result = run_cli("map", small_workbook, "-o", target)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert target.read_bytes() == OLD and report.read_bytes() == OLD
    assert sorted(out.iterdir()) == sorted([target, report])  # no temporary file


def test_sigterm_while_writing_leaves_the_previous_pair_and_no_temporary_file(
    run_cli, small_workbook: Path, tmp_path: Path, monkeypatch
) -> None:
    import signal

    import samverkanskartan.report

    out = tmp_path / "ut"
    out.mkdir()
    target, report = old_pair(out)

    def killed(*args: object) -> str:
        os.kill(os.getpid(), signal.SIGTERM)  # as `kill PID` does while the report renders
        raise AssertionError("SIGTERM did not stop the run")

    monkeypatch.setattr(samverkanskartan.report, "render_html", killed)
    result = run_cli("map", small_workbook, "-o", target)
    assert result.exit_code == 128 + signal.SIGTERM
    assert target.read_bytes() == OLD and report.read_bytes() == OLD
    assert sorted(out.iterdir()) == sorted([target, report])
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler is put back


def test_both_files_are_written_when_all_goes_well(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    target, report = old_pair(tmp_path)
    result = run_cli("map", small_workbook, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() != OLD and report.read_bytes() != OLD
    assert str(report) in result.stdout


def test_stale_temporary_files_of_killed_runs_are_removed(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    """A run killed with SIGKILL cannot clean up; the next one removes what it left, but not
    a temporary file that a run writing right now may still need."""
    from samverkan.io import STALE_AFTER_SECONDS, TEMPORARY_SUFFIX

    target = tmp_path / "karta.html"
    stale = tmp_path / f".karta.html.k1ll3d{TEMPORARY_SUFFIX}"
    fresh = tmp_path / f".karta.html.busy{TEMPORARY_SUFFIX}"
    foreign = tmp_path / ".karta.html.someone-elses"
    for path in (stale, fresh, foreign):
        path.write_bytes(b"half a map")
    long_ago = stale.stat().st_mtime - STALE_AFTER_SECONDS - 60
    os.utime(stale, (long_ago, long_ago))
    os.utime(foreign, (long_ago, long_ago))
    assert run_cli("map", small_workbook, "-o", target).exit_code == 0
    assert not stale.exists()
    assert fresh.exists() and foreign.exists()  # not stale, or not ours


def special_files(folder: Path) -> list[tuple[Path, str]]:
    """(path, the words naming it) for each kind of non-regular file this system can make."""
    folder.mkdir()
    regular = folder / "riktig.html"
    regular.write_bytes(OLD)
    link = folder / "lank.html"
    link.symlink_to(regular)
    directory = folder / "mapp.html"
    directory.mkdir()
    made = [(link, "symbolisk länk"), (directory, "mapp")]
    if hasattr(os, "mkfifo"):
        fifo = folder / "pipe.html"
        os.mkfifo(fifo)
        made.append((fifo, "FIFO"))
    if hasattr(os, "mknod") and os.geteuid() == 0:
        device = folder / "null.html"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a copy of /dev/null
        made.append((device, "enhetsfil"))
    return made


@pytest.mark.skipif(os.name != "posix", reason="symlinks, FIFOs and devices need POSIX")
@pytest.mark.parametrize("command", ["map", "export"])
def test_output_is_never_written_over_a_link_pipe_device_or_folder(
    command: str, run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    for path, words in special_files(tmp_path / "ut"):
        before = path.lstat()
        extra = ["--format", "json"] if command == "export" else []
        result = run_cli(command, small_workbook, *extra, "-o", path)
        assert result.exit_code == 2, (path, result.output)
        assert str(path) in result.stderr and words in result.stderr
        assert "ingen vanlig fil" in result.stderr and "Traceback" not in result.output
        after = path.lstat()
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert (tmp_path / "ut" / "riktig.html").read_bytes() == OLD  # the link's target too


def test_the_real_dev_null_is_refused_before_anything_is_written() -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null here")
    with pytest.raises(SamverkanError) as caught:
        atomic_write(Path("/dev/null"), "x")
    assert "device file" in caught.value.describe("en")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
