"""What goes into smguide's PyInstaller bundle, and what is left out: used by smguide.spec.

Kept apart from the spec so the rules can be read, tested and reused by
``compare.py``. PyInstaller's hooks for PySide6 collect every plugin,
translation and library a Qt application *might* use; smguide uses few:

- Qt plugins: only the windowing system (``platforms``: xcb and offscreen on
  Linux, windows, cocoa), the input methods on Linux, the native styles
  on Windows and macOS, and the printer support (printing to a printer,
  dialog or not, needs it; saving a PDF does not). No image formats (the
  icon is a PNG, which Qt reads
  without a plugin), no icon engines, no GTK theme (it drags in GTK, cairo
  and pango), no network, TLS, Wayland, EGL, touch-device or OpenGL
  integration plugins.
- Qt translations: none. The app is in English, as are Qt's own strings.
- Libraries: only those that something kept loads, except the system's
  print client (CUPS on Linux): printing must use the copy that matches the
  PC's own print server, as OpenGL must use the PC's driver, and a bundled
  CUPS would bring 9 MB of TLS, Kerberos and Avahi libraries with it. A PC
  without CUPS cannot print to a printer either way.
- Libraries: of the rest, only those that something kept loads. After the plugins go,
  the libraries they alone needed (QtNetwork, QtSvg, QtOpenGL, GTK and
  friends, Windows' 20 MB software OpenGL) go too; the dependency walk
  below works that out from the binaries themselves, on every platform.
- Python modules: test and build tools, Tk, and the networking modules
  (the app makes no network connections).
"""

from __future__ import annotations

import re
import struct
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
NAME = "smguide"
ICONS = ROOT / "resources" / "icons"

#: Qt plugins kept, as ``folder/file-stem`` patterns (a ``lib`` prefix is ignored).
KEPT_PLUGINS = (
    "platforms/qxcb",  # Linux desktops (and Wayland ones, through XWayland)
    "platforms/qoffscreen",  # headless: --self-test in CI
    "platforms/qwindows",
    "platforms/qcocoa",
    "platforminputcontexts/*",  # compose key and input methods on Linux
    "xcbglintegrations/qxcb-glx-integration",  # quiet start on X11 with GL
    "styles/*",  # the native look on Windows and macOS
    "printsupport/*",  # printers: Windows' print system, CUPS on Linux and macOS
)

#: Python modules nothing in the app imports at run time.
EXCLUDED_MODULES = (
    "tkinter",
    "_tkinter",
    "unittest",
    "doctest",
    "pydoc",
    "pydoc_data",
    "lib2to3",
    "pytest",
    "_pytest",
    "hypothesis",
    "pypdf",
    "mypy",
    "ruff",
    "setuptools",
    "pkg_resources",
    "pip",
    "PyInstaller",
    # No network connections, ever.
    "ssl",
    "_ssl",
    "http.server",
    "xmlrpc",
    "ftplib",
    "smtplib",
    "imaplib",
    "poplib",
    "urllib.request",
    # Concurrency the app does not use (jinja2 imports asyncio only for async templates).
    "asyncio",
    "multiprocessing",
    "concurrent",
    # Codecs for East Asian legacy encodings: every content file is UTF-8.
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_multibytecodec",
    # PySide6 modules the app never imports.
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtSvg",
    "PySide6.QtDBus",
)

#: Libraries the PC provides, never bundled (see above), by file name.
SYSTEM_LIBRARIES = re.compile(r"^libcups\.so", re.IGNORECASE)
#: Libraries always kept although no kept binary names them: the Python
#: runtime, which the bootloader loads.
_ALWAYS = re.compile(r"^(lib)?python3[\d.]*\.(so|dll|dylib)|^Python$", re.IGNORECASE)
_PLUGINS = re.compile(r"(^|/)Qt6?/plugins/(?P<folder>[^/]+)/(?P<file>[^/]+)$")
_TRANSLATIONS = re.compile(r"(^|/)Qt6?/translations/")


def metadata() -> dict[str, str]:
    """Product, company, version and description, from ``pyproject.toml``.

    The version is dynamic there (hatch reads it from the package), so it is
    read from the same file hatch reads.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    info = project["project"]
    version = info.get("version")
    if version is None:
        source = ROOT / project["tool"]["hatch"]["version"]["path"]
        match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', source.read_text(), re.M)
        if match is None:
            raise ValueError(f"no __version__ = '...' line in {source}")
        version = match[1]
    authors = info.get("authors") or [{"name": info["name"]}]
    return {
        "product": info["name"],
        "company": authors[0].get("name", info["name"]),
        "version": version,
        "description": info.get("description", info["name"]),
    }


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """``1.2.3`` (or ``1.2.3rc1``) as the four numbers a Windows version resource holds.

    Only the release numbers: a pre-release keeps its release's numbers.
    """
    release = re.match(r"\d+(\.\d+)*", version)
    if release is None:
        raise ValueError(f"version {version!r} does not start with a number")
    numbers = [int(part) for part in release[0].split(".")][:4]
    padded = (*numbers, 0, 0, 0, 0)
    return padded[0], padded[1], padded[2], padded[3]


def version_resource(meta: dict[str, str]) -> str:
    """The Windows version resource (company, product, version) for the .exe.

    In the text form PyInstaller reads (``pyi-grab_version`` writes the same):
    a Python expression over its ``versioninfo`` classes, which import only
    on Windows.
    """
    numbers = version_numbers(meta["version"])
    strings = {
        "CompanyName": meta["company"],
        "FileDescription": meta["description"][:250],
        "FileVersion": meta["version"],
        "InternalName": meta["product"],
        "OriginalFilename": f"{meta['product']}.exe",
        "ProductName": meta["product"],
        "ProductVersion": meta["version"],
        "LegalCopyright": f"{meta['company']}, MIT licence",
    }
    table = ",\n        ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [{table}])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def content_datas() -> list[tuple[str, str]]:
    """Content, trees and resources, where ``smguide.core.locations`` looks in a bundle."""
    return [
        (str(ROOT / folder), f"{NAME}/_data/{folder}")
        for folder in ("content", "decision_trees", "resources")
    ]


def plugin_kept(dest: str) -> bool | None:
    """Whether a file bound for *dest* in the bundle is a Qt plugin to keep; None if no plugin."""
    match = _PLUGINS.search(dest.replace("\\", "/"))
    if match is None:
        return None
    stem = match["file"].split(".")[0].removeprefix("lib")
    path = f"{match['folder']}/{stem}"
    return any(PurePosixPath(path).match(pattern) for pattern in KEPT_PLUGINS)


Entry = tuple[str, str, str]


def trim(
    binaries: Iterable[Entry],
    datas: Iterable[Entry],
    imports: Callable[[str], Iterable[str]],
) -> tuple[list[Entry], list[Entry], list[str]]:
    """The binaries and data files to ship, and the destinations left out.

    *binaries* and *datas* are PyInstaller's ``(dest, source, kind)`` lists;
    *imports* gives the names of the libraries a binary file links to. Kept:
    every Python extension, the plugins above, the Python runtime, and
    whatever those need, followed link by link.
    """
    binaries, datas = list(binaries), list(datas)
    removed: list[str] = []
    candidates: list[Entry] = []
    roots: list[Entry] = []
    for entry in binaries:
        dest, _source, kind = entry
        name = PurePosixPath(dest.replace("\\", "/")).name
        kept = plugin_kept(dest)
        if kept is False:
            removed.append(dest)
        elif kept or kind == "EXTENSION" or _ALWAYS.match(name):
            roots.append(entry)
        else:
            candidates.append(entry)

    by_name: dict[str, list[Entry]] = {}
    for entry in candidates:
        by_name.setdefault(_base(entry[0]).lower(), []).append(entry)
    needed: set[int] = set()
    pending = [entry for entry in roots if entry[2] != "SYMLINK"]
    seen: set[str] = set()
    while pending:
        _dest, source, _kind = pending.pop()
        if source in seen:
            continue
        seen.add(source)
        for library in imports(source):
            if SYSTEM_LIBRARIES.match(_base(library)):
                continue
            for entry in by_name.get(_base(library).lower(), []):
                if id(entry) not in needed:
                    needed.add(id(entry))
                    if entry[2] != "SYMLINK":
                        pending.append(entry)
    kept_binaries = roots + [entry for entry in candidates if id(entry) in needed]
    removed += [entry[0] for entry in candidates if id(entry) not in needed]

    # A symbolic link whose target went is dangling: it goes too.
    present = {_norm(entry[0]) for entry in kept_binaries if entry[2] != "SYMLINK"}
    final = []
    for entry in kept_binaries:
        if entry[2] == "SYMLINK" and _link_target(entry) not in present:
            removed.append(entry[0])
        else:
            final.append(entry)

    kept_datas = []
    for entry in datas:
        dest = entry[0].replace("\\", "/")
        translation = _TRANSLATIONS.search(dest) is not None
        dangling = entry[2] == "SYMLINK" and _link_target(entry) not in present
        if translation or dangling or plugin_kept(dest) is False:
            removed.append(entry[0])
        else:
            kept_datas.append(entry)
    return final, kept_datas, sorted(removed)


def _base(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).name


def _norm(dest: str) -> str:
    return str(PurePosixPath(dest.replace("\\", "/")))


def _link_target(entry: Entry) -> str:
    """Where a SYMLINK entry points, from the bundle's top (PyInstaller gives it from the link)."""
    dest, target, _kind = entry
    parts: list[str] = []
    for part in (*PurePosixPath(_norm(dest)).parent.parts, *PurePosixPath(_norm(target)).parts):
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def library_imports(source: str) -> list[str]:
    """The libraries the binary at *source* links to directly.

    Directly, not the whole tree ``ldd`` prints (which PyInstaller's Linux
    reader gives): a library left to the system, such as CUPS, must not pull
    its own dependencies into the bundle. ELF files are read here; Windows
    and macOS binaries by PyInstaller, whose readers give direct links.
    """
    with open(source, "rb") as stream:  # noqa: PTH123 (a plain file object is wanted)
        if stream.read(4) == b"\x7fELF":
            return elf_needed(source)
    from PyInstaller.depend import bindepend

    return [name for name, _path in bindepend.get_imports(source)]


def elf_needed(path: str | Path) -> list[str]:
    """The ``DT_NEEDED`` entries of an ELF file: the libraries it names, in order."""
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF" or data[4] not in (1, 2) or data[5] not in (1, 2):
        raise ValueError(f"{path} is not an ELF file")
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    if wide:
        phoff, phentsize, phnum = (
            struct.unpack_from(order + "Q", data, 0x20)[0],
            *struct.unpack_from(order + "HH", data, 0x36),
        )
        header, dyn = order + "IIQQQQQQ", order + "qQ"
    else:
        phoff, phentsize, phnum = (
            struct.unpack_from(order + "I", data, 0x1C)[0],
            *struct.unpack_from(order + "HH", data, 0x2A),
        )
        header, dyn = order + "IIIIIIII", order + "iI"
    loads: list[tuple[int, int, int]] = []
    dynamic: tuple[int, int] | None = None
    for index in range(phnum):
        fields = struct.unpack_from(header, data, phoff + index * phentsize)
        if wide:
            kind, offset, vaddr, size = fields[0], fields[2], fields[3], fields[5]
        else:
            kind, offset, vaddr, size = fields[0], fields[1], fields[2], fields[4]
        if kind == 1:  # PT_LOAD
            loads.append((vaddr, offset, size))
        elif kind == 2:  # PT_DYNAMIC
            dynamic = (offset, size)
    if dynamic is None:
        return []  # statically linked
    needed, strtab = [], None
    step = struct.calcsize(dyn)
    for at in range(dynamic[0], dynamic[0] + dynamic[1], step):
        tag, value = struct.unpack_from(dyn, data, at)
        if tag == 0:  # DT_NULL
            break
        if tag == 1:  # DT_NEEDED
            needed.append(value)
        elif tag == 5:  # DT_STRTAB, an address: find where it is in the file
            strtab = next(
                (
                    offset + value - vaddr
                    for vaddr, offset, size in loads
                    if vaddr <= value < vaddr + size
                ),
                None,
            )
    if strtab is None:
        raise ValueError(f"{path}: no string table for its dynamic section")
    return [data[strtab + at : data.index(b"\0", strtab + at)].decode() for at in needed]
