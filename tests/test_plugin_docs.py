"""docs/plugins.md keeps up with samverkan/hookspecs.py, and its code works."""

from __future__ import annotations

import ast
import inspect
import re
import sys
import types
from pathlib import Path

import pytest
from helpers import ROOT

from samverkan import hookspecs
from samverkan.plugins import new_manager

DOC = ROOT / "docs" / "plugins.md"
TEXT = DOC.read_text(encoding="utf-8")
REFERENCE = TEXT.split("## Reference", 1)[1]


def hooks() -> dict[str, inspect.Signature]:
    """Every hook the core declares: the functions marked with @hookspec."""
    return {
        name: inspect.signature(function)
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, "samverkan_spec")
    }


def sections() -> dict[str, str]:
    parts = re.split(r"^### `(\w+)`\s*$", REFERENCE, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_the_core_declares_hooks() -> None:
    assert "samverkan_importers" in hooks() and len(hooks()) >= 5


def test_every_hook_is_documented_and_every_documented_hook_exists() -> None:
    assert set(sections()) == set(hooks()), (
        f"undocumented: {set(hooks()) - set(sections())}; "
        f"documented but gone: {set(sections()) - set(hooks())}"
    )


@pytest.mark.parametrize("name", sorted(hooks()))
def test_each_section_shows_signature_arguments_return_and_an_example(name: str) -> None:
    body = sections()[name]
    # 'samverkan_init_project(project_dir: Path, lang: Lang) -> list[Path]', same names in order
    arguments = r",\s*".join(rf"{p}(: [^,)]+)?" for p in hooks()[name].parameters)
    assert re.search(rf"^{name}\({arguments}\) -> ", body, re.MULTILINE), f"{name}: no signature"
    for parameter in hooks()[name].parameters:
        assert f"`{parameter}`" in body, f"{name}: argument {parameter} not described"
    for heading in ("**When:**", "**Arguments:**", "**Returns:**", "**Example:**"):
        assert heading in body, f"{name}: missing {heading}"
    assert python_blocks(body), f"{name}: no example code"


@pytest.mark.parametrize("name", sorted(hooks()))
def test_each_reference_example_registers_against_the_real_hookspec(name: str) -> None:
    """pluggy checks the example's hook name and argument names against the spec."""
    module = types.ModuleType(f"example_{name}")
    exec(
        compile(python_blocks(sections()[name])[0], f"docs/plugins.md#{name}", "exec"),
        module.__dict__,
    )
    manager = new_manager()
    manager.register(module, name=module.__name__)
    assert [caller.name for caller in manager.get_hookcallers(module) or []] == [name]


def test_every_python_block_in_the_document_parses() -> None:
    for block in python_blocks(TEXT):
        ast.parse(block)


def tutorial_plugin(folder: Path) -> types.ModuleType:
    """Step 5's module, laid out in `folder` as its package is, with its Swedish catalogue."""
    code = TEXT.split("<!-- tutorial-plugin -->", 1)[1]
    catalogue = TEXT.split("<!-- tutorial-po -->", 1)[1]
    package = folder / "samverkan_textlist"
    po = package / "locale" / "sv" / "LC_MESSAGES" / "samverkan_textlist.po"
    po.parent.mkdir(parents=True)
    po.write_text(re.findall(r"```po\n(.*?)```", catalogue, flags=re.DOTALL)[0], encoding="utf-8")
    module = types.ModuleType("samverkan_textlist")
    module.__file__ = str(package / "__init__.py")
    exec(compile(python_blocks(code)[0], "docs/plugins.md#tutorial", "exec"), module.__dict__)
    return module


def test_the_tutorial_plugin_reads_its_file(run_cli, register_plugin, tmp_path: Path) -> None:
    register_plugin(tutorial_plugin(tmp_path), "textlist")
    notes = tmp_path / "notes.kontakter.txt"
    notes.write_text(
        "# kontakter från intervjun med socialchefen\n"
        "Lomma kommun <-> Arbetsförmedlingen : strategisk\n"
        "Lomma kommun <-> Försäkringskassan : operativ\n",
        encoding="utf-8",
    )
    result = run_cli("validate", notes)
    assert result.exit_code == 0, result.stderr
    assert "3 aktörer, 0 forum, 2 kontakter" in result.stdout
    plugins = run_cli("plugins")
    assert "textlist" in plugins.stdout and "samverkan_importers" in plugins.stdout


def test_the_tutorial_plugin_reports_a_bad_line_at_its_row(
    run_cli, register_plugin, tmp_path: Path
) -> None:
    register_plugin(tutorial_plugin(tmp_path), "textlist")
    notes = tmp_path / "notes.kontakter.txt"
    notes.write_text("Lomma kommun <-> AF\nbara text\nA <-> B : ibland\n", encoding="utf-8")
    result = run_cli("validate", notes)
    assert result.exit_code == 2
    assert "notes.kontakter.txt, rad 2: raden ska se ut som" in result.stderr
    assert "notes.kontakter.txt, rad 3: raden ska se ut som" in result.stderr


def test_the_tutorial_test_code_passes(monkeypatch, tmp_path: Path) -> None:
    """Step 6's tests, run as written, against the step 5 plugin (importable, not installed)."""
    monkeypatch.setitem(sys.modules, "samverkan_textlist", tutorial_plugin(tmp_path))
    step6 = TEXT.split("### Step 6", 1)[1].split("### Step 7", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile(python_blocks(step6)[0], "docs/plugins.md#step6", "exec"), namespace)
    tests = [f for name, f in namespace.items() if name.startswith("test_")]
    assert len(tests) == 2
    for index, test in enumerate(tests):
        folder = tmp_path / str(index)
        folder.mkdir()
        test(folder)  # type: ignore[operator]
