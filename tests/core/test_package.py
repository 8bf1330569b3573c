"""The core package as a whole (core/__init__.py): what it exports, and what it never imports."""

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import core
import core.figures

CORE = Path(core.__file__).parent


def _modules_on_disk() -> set[str]:
    names = set()
    for path in CORE.rglob("*.py"):
        parts = path.relative_to(CORE.parent).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _modules_found_by_import_system() -> set[str]:
    found = {"core"} | {info.name for info in pkgutil.walk_packages(core.__path__, prefix="core.")}
    return found


def test_every_module_is_discovered():
    found = _modules_found_by_import_system()
    assert found == _modules_on_disk()
    # The discovery reaches the subpackage and the private modules, which a bare import of core would not load.
    assert {"core.figures", "core.figures._sending", "core._checks", "core.classifier", "core.data"} <= found


def test_core_imports_neither_streamlit_nor_the_app():
    """Every module under core/, imported in a fresh interpreter, loads no streamlit, ui or pages."""
    modules = sorted(_modules_found_by_import_system())
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=CORE.parent)
    loaded = set(json.loads(result.stdout))
    assert set(modules) <= loaded  # the imports really happened
    assert "streamlit" not in loaded
    assert not {name for name in loaded if name.split(".")[0] in {"streamlit", "ui", "pages"}}


def test_exports_exist():
    for package in (core, core.figures):
        missing = [name for name in package.__all__ if not hasattr(package, name)]
        assert missing == [], package.__name__
        assert len(set(package.__all__)) == len(package.__all__)
