"""The suite's own house rules: tests share code through tests/helpers, nothing else."""

from __future__ import annotations

import ast

from helpers import ROOT


def test_no_test_module_imports_another_or_conftest() -> None:
    suites = [ROOT / "tests", ROOT / "examples" / "samverkan-csv" / "tests"]
    offenders = []
    for path in sorted(p for suite in suites for p in suite.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = (
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            ) + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            offenders += [
                f"{path.relative_to(ROOT)}: {module}"
                for module in modules
                if module.split(".")[0].startswith("test_") or module == "conftest"
            ]
    assert offenders == []
