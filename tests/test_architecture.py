"""How the apps meet, read from the imports of the code (grimp) — the contract of `../shared/STYLE.md` and
docs/architecture.md, checked in CI.

- Each app has a domain layer (models, services, selectors, tasks, permissions, everything that is not an entry
  point) and entry points (views, urls, forms, admin, the API, management commands). The domain layers import one
  another in one direction only, in the order of LAYERS: an app may import those before it, never one after it.
- `core` imports no domain app; no app imports `demo`, the one app that may import every other.
- No module imports itself back through any chain (no import cycle between modules).
- Entry points reach another app only through its services, selectors and permissions, never its models.
- Tests mirror the code: every module of an app's services and selectors has a test module named after it (or,
  inside a package of services, after that package).
- Small modules: no Python module of the project (migrations aside) is over 300 lines.
- The marketplace is one Django app (its label, and so its tables and the audit log's object types, stay
  `marketplace`) in two rooms that count as apps here: `marketplace.catalogue` and `marketplace.procurement`, which
  may use the catalogue, never the reverse. The marketplace's shell (`apps`, `urls`, `api`, `admin`, the `models`
  package Django loads) sits above both.
"""

from pathlib import Path

import grimp
import pytest

LAYERS = [
    "core",
    "audit",
    "organisations",
    "accounts",
    "surveys",
    "analysis",
    "plans",
    "marketplace.catalogue",
    "marketplace.procurement",
    "marketplace",
    "demo",
]
ROOMS = {"marketplace": {"catalogue", "procurement"}}
ENTRY = {"views", "urls", "urls_ocds", "api", "admin", "management", "forms"}


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("exchange")


def _app(module: str) -> str:
    """The app (or room of an app) a module of `exchange` belongs to."""
    parts = module.split(".")
    if len(parts) < 2:
        return ""
    if len(parts) > 2 and parts[2] in ROOMS.get(parts[1], ()):
        return f"{parts[1]}.{parts[2]}"
    return parts[1]


def _inside(module: str) -> list[str]:
    """The parts of a module's name below its app (or room)."""
    return module.split(".")[1 + _app(module).count(".") + 1 :]


def _is_test(module: str) -> bool:
    return ".tests" in module or module.endswith(".conftest")


def _is_entry(module: str) -> bool:
    return any(part in ENTRY for part in _inside(module))


def _imports(graph):
    """(importer, imported) for every import from one app to another, tests left out."""
    for module in graph.modules:
        if _is_test(module) or not _app(module):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("exchange.") and _app(imported) and _app(imported) != _app(module):
                yield module, imported


def test_every_app_is_placed_in_the_layers(graph):
    apps = {_app(module) for module in graph.modules if _app(module)} - {"templates"}
    assert apps == set(LAYERS)


def test_the_domain_layers_import_only_apps_below_them(graph):
    upward = [
        (importer, imported)
        for importer, imported in _imports(graph)
        if not _is_entry(importer) and LAYERS.index(_app(imported)) > LAYERS.index(_app(importer))
    ]
    assert upward == []


def test_core_imports_no_domain_app_and_no_app_imports_the_demo(graph):
    wrong = [
        (importer, imported)
        for importer, imported in _imports(graph)
        if _app(importer) == "core" or _app(imported) == "demo"
    ]
    assert wrong == []


def test_no_module_imports_itself_back_through_a_chain(graph):
    modules = sorted(module for module in graph.modules if not _is_test(module))
    edges = {module: sorted(set(graph.find_modules_directly_imported_by(module)) & set(modules)) for module in modules}
    cycles = [component for component in _strongly_connected(edges) if len(component) > 1]
    assert cycles == []


def test_entry_points_reach_other_apps_only_through_their_services_selectors_and_permissions(graph):
    through_models = sorted(
        (importer, imported)
        for importer, imported in _imports(graph)
        if _is_entry(importer) and _inside(imported)[:1] == ["models"]
    )
    assert through_models == []


def _untested_doors(root: Path) -> list[str]:
    """Modules of services and selectors with no test module named after them (or after their package)."""
    untested = []
    for module in sorted(root.glob("exchange/**/*.py")):
        parts = module.relative_to(root).with_suffix("").parts
        kinds = [index for index, part in enumerate(parts) if part in ("services", "selectors")]
        if not kinds or "tests" in parts or "migrations" in parts or parts[-1] == "__init__":
            continue
        kind = kinds[0]
        app, below = root.joinpath(*parts[:kind]), parts[kind + 1 :]
        names = {f"test_{'_'.join(below)}.py", f"test_{parts[kind]}_{'_'.join(below)}.py"}
        names |= {f"test_{below[-1]}.py", f"test_{parts[kind]}_{below[-1]}.py"}
        tests = [path.name for path in app.glob("tests/**/test_*.py")]
        package = below[0] if len(below) > 1 else None
        if not names & set(tests) and not (package and any(name.startswith(f"test_{package}") for name in tests)):
            untested.append(str(module.relative_to(root)))
    return untested


def test_every_services_and_selectors_module_has_a_test_module_named_after_it():
    assert _untested_doors(Path(__file__).resolve().parent.parent) == []


MAX_LINES = 300


def test_no_module_outside_migrations_is_over_300_lines():
    root = Path(__file__).resolve().parent.parent
    long = {
        str(path.relative_to(root)): count
        for folder in ("config", "exchange", "bench", "tests")
        for path in (root / folder).rglob("*.py")
        if "migrations" not in path.parts
        and "vendor" not in path.parts
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def diagram(graph) -> str:
    """The domain layers' imports between apps as a Mermaid flowchart (in docs/architecture.md)."""
    edges = sorted(
        {(_app(importer), _app(imported)) for importer, imported in _imports(graph) if not _is_entry(importer)}
    )
    lines = (
        ["```mermaid", "flowchart BT"]
        + [f"    {_node(importer)} --> {_node(imported)}" for importer, imported in edges]
        + ["```"]
    )
    return "\n".join(lines)


def _node(app: str) -> str:
    return app.replace(".", "_") + (f'["{app}"]' if "." in app else "")


def test_the_architecture_document_shows_the_imports_as_they_are(graph):
    document = (Path(__file__).resolve().parent.parent / "docs" / "architecture.md").read_text()
    assert diagram(graph) in document, "regenerate with: PYTHONPATH=. python tests/test_architecture.py"


def _strongly_connected(edges: dict) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the strongly connected components of a directed graph."""
    index: dict = {}
    low: dict = {}
    stack: list = []
    on_stack: set = set()
    components = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, []))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


if __name__ == "__main__":
    print(diagram(grimp.build_graph("exchange")))  # noqa: T201
