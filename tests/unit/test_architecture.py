"""The shape of the code that keeps it maintainable (STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_domain_package_never_imports_streamlit() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "scorecard").rglob("*.py"))
        if "streamlit" in _imported_modules(p)
    ]
    assert offenders == []


def test_every_page_file_is_registered_in_the_navigation() -> None:
    from ui.navigation import PAGE_SPECS

    registered = {spec.path for spec in PAGE_SPECS}
    files = {f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py")}
    assert files == registered


def test_pages_do_no_pandas_arithmetic() -> None:
    pages = sorted((ROOT / "app_pages").glob("*.py"))
    offenders = [p.name for p in pages if "pandas" in _imported_modules(p)]
    assert offenders == []


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    command = (
        "pip install -r requirements-dev.txt && npm ci --no-audit --no-fund && python -m pytest"
    )
    assert f"```bash\n{command}\n```" in readme
    assert command in (ROOT / ".ci" / "run").read_text()


def test_our_html_reaches_the_page_through_one_door() -> None:
    # ui/markup.py hands st.html our HTML as built; st.html given a string dedents it on
    # every run (1.8 ms for a Priority page). A page calling st.html itself would pay again.
    offenders = [
        str(p.relative_to(ROOT))
        for p in sorted(
            [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
        )
        if p.name != "markup.py"
        and ".html(" in p.read_text(encoding="utf-8").replace("markup.html(", "")
    ]
    assert offenders == []
