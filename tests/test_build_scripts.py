"""The bundle's rules: what is kept, the Windows version resource, the icon files.

Building the bundle itself takes a minute; CI does it after the tests (see
``.ci/run`` and ``build_scripts/build.py --smoke``). These check the rules
that decide what goes in, on made-up file lists, in milliseconds.
"""

from __future__ import annotations

import ast
import importlib.util
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest

from smguide import __version__

BUILD_SCRIPTS = Path(__file__).resolve().parents[1] / "build_scripts"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"smguide_build_{name}", BUILD_SCRIPTS / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bundle = _load("bundle")


def test_metadata_comes_from_pyproject_and_the_package() -> None:
    meta = bundle.metadata()
    assert meta["version"] == __version__
    assert meta["product"] == "smguide"
    assert meta["company"] == "smguide developers"


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2.3rc1", (1, 2, 3, 0)),
        ("2", (2, 0, 0, 0)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
    ],
)
def test_version_numbers_for_windows(version: str, numbers: tuple[int, ...]) -> None:
    assert bundle.version_numbers(version) == numbers


def test_the_windows_version_resource_names_company_product_and_version() -> None:
    """Read as PyInstaller reads it (on Windows): one expression over its classes."""
    tree = ast.parse(bundle.version_resource(bundle.metadata()), mode="eval")
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    names = {node.func.id for node in calls if isinstance(node.func, ast.Name)}
    assert names == {
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    }
    strings = {
        ast.literal_eval(node.args[0]): ast.literal_eval(node.args[1])
        for node in calls
        if isinstance(node.func, ast.Name) and node.func.id == "StringStruct"
    }
    assert strings["CompanyName"] == "smguide developers"
    assert strings["ProductName"] == "smguide"
    assert strings["FileVersion"] == strings["ProductVersion"] == __version__
    (fixed,) = (c for c in calls if isinstance(c.func, ast.Name) and c.func.id == "FixedFileInfo")
    versions = {k.arg: ast.literal_eval(k.value) for k in fixed.keywords}
    assert versions["filevers"] == versions["prodvers"] == bundle.version_numbers(__version__)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", None),  # not under Qt/plugins
        ("PySide6\\Qt6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6\\Qt6\\plugins\\printsupport\\windowsprintersupport.dll", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-egl-integration.so", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", None),
    ],
)
def test_which_qt_plugins_are_kept(dest: str, kept: bool | None) -> None:
    assert bundle.plugin_kept(dest) is kept


def test_trim_keeps_what_kept_binaries_load_and_drops_the_rest() -> None:
    links = {
        "/src/QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libc.so.6"],
        "/src/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/src/libqgtk3.so": ["libgtk-3.so.0"],
        "/src/libgtk-3.so.0": ["libcairo.so.2"],
        "/src/libqtuiotouchplugin.so": ["libQt6Network.so.6"],
        "/src/libcupsprintersupport.so": ["libcups.so.2", "libQt6Gui.so.6"],
        "/src/libcups.so.2": ["libgnutls.so.30"],
    }
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        (
            "PySide6/Qt/plugins/generic/libqtuiotouchplugin.so",
            "/src/libqtuiotouchplugin.so",
            "BINARY",
        ),
        (
            "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
            "/src/libcupsprintersupport.so",
            "BINARY",
        ),
        ("libcups.so.2", "/src/libcups.so.2", "BINARY"),
        ("libgnutls.so.30", "/src/libgnutls.so.30", "BINARY"),
    ]
    datas = [
        ("PySide6/Qt/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
        ("smguide/_data/content/wbc/council.yaml", "/src/council.yaml", "DATA"),
    ]
    kept, kept_datas, removed = bundle.trim(binaries, datas, lambda source: links.get(source, []))
    assert sorted(entry[0] for entry in kept) == sorted(
        [
            "PySide6/QtWidgets.abi3.so",
            "PySide6/Qt/lib/libQt6Widgets.so.6",
            "PySide6/Qt/lib/libQt6Gui.so.6",
            "PySide6/Qt/lib/libQt6Core.so.6",
            "libQt6Core.so.6",
            "PySide6/Qt/lib/libQt6XcbQpa.so.6",
            "libpython3.11.so.1.0",
            "PySide6/Qt/plugins/platforms/libqxcb.so",
            "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        ]
    )
    assert kept_datas == [datas[1]]
    assert removed == sorted(
        [
            "PySide6/Qt/lib/libQt6Network.so.6",
            "libQt6Network.so.6",
            "libgtk-3.so.0",
            "libcairo.so.2",
            "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
            "PySide6/Qt/plugins/generic/libqtuiotouchplugin.so",
            "PySide6/Qt/translations/qtbase_de.qm",
            "libcups.so.2",  # the PC's own, and what only it needs
            "libgnutls.so.30",
        ]
    )


def test_the_content_goes_where_the_locations_resolver_looks() -> None:
    from smguide.core import locations

    datas = {Path(source).name: dest for source, dest in bundle.content_datas()}
    assert datas == {
        locations.CONTENT: f"smguide/_data/{locations.CONTENT}",
        locations.TREES: f"smguide/_data/{locations.TREES}",
        locations.RESOURCES: f"smguide/_data/{locations.RESOURCES}",
    }


def test_the_icon_files_hold_what_they_claim() -> None:
    from PySide6.QtGui import QImage

    icons = bundle.ICONS
    image = QImage(str(icons / "smguide.png"))
    assert (image.width(), image.height()) == (256, 256)

    data = (icons / "smguide.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, 7)
    sizes = []
    for index in range(count):
        side, _h, _c, _r, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(side or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]

    icns = (icons / "smguide.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's")
def test_elf_needed_lists_direct_links_only() -> None:
    """What the binary names itself: Qt's core module, not Qt's own ICU behind it."""
    import PySide6

    core = next(Path(PySide6.__file__).parent.glob("QtCore.*so"))
    needed = bundle.elf_needed(core)
    assert "libQt6Core.so.6" in needed and "libc.so.6" in needed
    assert not any(name.startswith("libicu") for name in needed)
    assert bundle.library_imports(str(core)) == needed
    with pytest.raises(ValueError, match="not an ELF file"):
        bundle.elf_needed(bundle.ICONS / "smguide.png")
