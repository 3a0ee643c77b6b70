"""What is generated stays generated: the model stubs (from the core's schema), the sync modules
(from the async ones), and the extension's stub names every export."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import harvest_sdk
from harvest_sdk import _core, models

PACKAGE = Path(__file__).resolve().parents[1]


def tool(name: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(PACKAGE / "tools" / name), "--check"], capture_output=True, text=True)


def test_model_stubs_are_up_to_date() -> None:
    done = tool("gen_stubs.py")
    assert done.returncode == 0, done.stderr


def test_sync_modules_are_generated_from_the_async_ones() -> None:
    done = tool("unasync.py")
    assert done.returncode == 0, done.stderr


def test_every_model_and_enum_has_a_runtime_name() -> None:
    schema = _core._schema()
    for name, _fields in schema["models"]:
        assert isinstance(getattr(models, name), type), name
    for name, values in schema["enums"]:
        assert getattr(models, name).__args__ == tuple(values)
    assert len(schema["models"]) >= 40 and "TimeEntry" in models.__all__


def test_the_extension_stub_names_every_export() -> None:
    tree = ast.parse((PACKAGE / "src" / "harvest_sdk" / "_core.pyi").read_text())
    stubbed = {node.name for node in tree.body if isinstance(node, (ast.ClassDef, ast.FunctionDef))}
    stubbed |= {node.target.id for node in tree.body if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)}
    exported = {name for name in dir(_core) if not name.startswith("__")}
    assert exported <= stubbed, exported - stubbed


def test_every_operation_is_reachable_from_a_namespace() -> None:
    source = (PACKAGE / "src" / "harvest_sdk" / "_async_client.py").read_text()
    missing = []
    for operation_id, _method, _path, _ids, _is_list in _core._operations():
        assignment = "Assignment" in operation_id and operation_id.replace("TaskAssignment", "{self._name}").replace("UserAssignment", "{self._name}")
        if f'"{operation_id}"' not in source and not (assignment and f'"{assignment}"'.replace('"', 'f"', 1) in source):
            missing.append(operation_id)
    assert not missing, missing
    assert len(_core._operations()) > 100


def test_the_public_names() -> None:
    for name in harvest_sdk.__all__:
        assert hasattr(harvest_sdk, name), name


def test_the_package_parses_as_python_3_9() -> None:
    for path in sorted((PACKAGE / "src" / "harvest_sdk").glob("*.py*")) + sorted((PACKAGE / "examples").glob("*.py")):
        ast.parse(path.read_text(), filename=str(path), feature_version=(3, 9))
