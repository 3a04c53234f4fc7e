"""The machine's configuration file: what IT sets once for every user of a PC.

An INI file, because Windows IT teams read, write and deploy INI files with
the tools they already have (Group Policy preferences among them)::

    [smguide]
    council = nottinghamshire
    content = \\\\server\\share\\smguide-content

    [kiosk]
    enabled = yes
    inactivity_seconds = 120
    countdown_seconds = 30
    pin = scrypt$16384$8$1$...$...
    printer = Training Room 1

(``pin`` is written by ``smguide kiosk-pin``; comments go on lines of their own.)

Nothing read from it is trusted. A missing file means an ordinary desktop.
Anything wrong is reported as ``path:line: message`` and replaced by a safe
default, and when the file shows that it is meant to lock the PC down (it
has a ``[kiosk]`` section, or something close to one) a mistake keeps kiosk
mode on: a typo must never leave a training-room PC unlocked.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import field, replace
from pathlib import Path

from smguide.core.value import Value

# difflib, tempfile and the PIN's hashing are imported where they are used:
# every start reads this file, most PCs have none, and start-up time counts.

FILE_NAME = "config.ini"
MAIN, KIOSK = "smguide", "kiosk"
KEYS: dict[str, tuple[str, ...]] = {
    MAIN: ("council", "content"),
    KIOSK: ("enabled", "inactivity_seconds", "countdown_seconds", "pin", "printer"),
}
INACTIVITY_DEFAULT, INACTIVITY_RANGE = 120, (1, 86_400)
COUNTDOWN_DEFAULT, COUNTDOWN_RANGE = 30, (1, 600)
_TRUE = {"yes", "true", "on", "1"}
_FALSE = {"no", "false", "off", "0"}
# Patterns, compiled by ``re`` when first used: most PCs have no file to read.
_COUNCIL_ID = r"[a-z0-9][a-z0-9-]{0,63}"
_SECTION = r"\s*\[\s*([^\]]*?)\s*\]"
_KEY = r"\s*([^=:;#\s][^=:]*?)\s*[=:]"


def default_path() -> Path:
    """Where IT puts the file: a machine-wide folder only administrators can change."""
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA") or r"C:\ProgramData") / "smguide" / FILE_NAME
    if sys.platform == "darwin":
        return Path("/Library/Application Support/smguide") / FILE_NAME
    return Path("/etc/smguide") / FILE_NAME


class MachineConfig(Value):
    """The settings in force, each already checked, and what was wrong with the file."""

    path: Path | None = None
    council: str | None = None
    #: A content root (holding content/ and decision_trees/) to show instead of
    #: the built-in content, such as a read-only share the policy owner updates.
    content: Path | None = None
    kiosk: bool = False
    inactivity_seconds: int = INACTIVITY_DEFAULT
    countdown_seconds: int = COUNTDOWN_DEFAULT
    pin_hash: str | None = None
    printer: str | None = None
    problems: tuple[str, ...] = field(default=())

    def with_kiosk(self) -> MachineConfig:
        """The same settings with kiosk mode forced on (``--kiosk``)."""
        return replace(self, kiosk=True)


def load_config(path: Path | None = None, *, explicit: bool = False) -> MachineConfig:
    """The configuration in *path* (default: the machine's file); never raises.

    *explicit* says the path was given on the command line, so its absence is
    a problem worth reporting rather than the ordinary case.
    """
    path = default_path() if path is None else path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if explicit:
            return MachineConfig(path, problems=(f"{path}: the configuration file was not found",))
        return MachineConfig()
    except OSError as error:
        # Unreadable: we cannot know what it says, so assume the worst.
        reason = error.strerror or type(error).__name__
        return MachineConfig(
            path,
            kiosk=True,
            problems=(f"{path}: could not be read ({reason}); kiosk mode stays on",),
        )
    return parse_config(data, path)


def parse_config(data: bytes, path: Path) -> MachineConfig:
    """The configuration in *data*, the bytes of the file at *path*."""
    reader = _Reader(path)
    try:
        text = data.decode("utf-8-sig")  # Notepad may add a byte-order mark
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        reader.problem(line, "is not UTF-8 text; save it as UTF-8")
        return reader.unreadable(b"kiosk" in data.lower())
    sections = reader.parse(text)
    if sections is None:
        return reader.unreadable("kiosk" in text.lower())
    return reader.settings(sections)


class _Value(Value):
    """A setting's text and the line it is on."""

    text: str
    line: int


class _Reader:
    """Turns the file's lines into checked settings, collecting problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[tuple[int, str]] = []
        self.kiosk_meant = False
        self.headers: dict[str, int] = {}

    def problem(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    def formatted(self) -> tuple[str, ...]:
        """The problems in the order of the file's lines, as ``path:line: message``."""
        ordered = sorted(self.problems, key=lambda problem: problem[0])
        return tuple(f"{self.path}:{line}: {message}" for line, message in ordered)

    def unreadable(self, mentions_kiosk: bool) -> MachineConfig:
        kiosk = mentions_kiosk
        if kiosk:
            self.problem(
                1, "the file mentions kiosk mode but cannot be read, so kiosk mode stays on"
            )
        return MachineConfig(self.path, kiosk=kiosk, problems=self.formatted())

    def parse(self, text: str) -> dict[str, dict[str, _Value]] | None:
        """Sections of ``key = value`` lines, as configparser would read them.

        configparser itself cannot say on which line a value was, and a
        problem without a line is hard to fix, so the (simple) format is read
        here line by line; the rules are configparser's: ``;`` and ``#``
        start a comment line, keys are case-insensitive, duplicates are errors.
        """
        sections: dict[str, dict[str, _Value]] = {}
        current: dict[str, _Value] | None = None
        broken = False
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line[0] in ";#":
                continue
            if line.startswith("["):
                match = re.fullmatch(_SECTION, line)
                if match is None:
                    self.problem(number, f"{line!r} is not a section header like [kiosk]")
                    broken = True
                    continue
                name = match[1].lower()
                if name in sections:
                    self.problem(number, f"the section [{name}] appears twice")
                    broken = True
                current = sections.setdefault(name, {})
                self.headers.setdefault(name, number)
                continue
            key_match = re.match(_KEY, raw)
            if key_match is None:
                self.problem(number, f"{line!r} is not a 'key = value' line")
                broken = True
                continue
            if current is None:
                self.problem(number, "a setting before any [section] header")
                broken = True
                continue
            key = key_match[1].strip().lower()
            value = raw[key_match.end() :].strip()
            if key in current:
                self.problem(number, f"{key!r} is set twice in the same section")
                broken = True
            current[key] = _Value(value, number)
        if broken and "kiosk" in text.lower():
            self.kiosk_meant = True
        return sections

    def settings(self, sections: dict[str, dict[str, _Value]]) -> MachineConfig:
        import difflib

        for name in sections:
            if name in KEYS:
                continue
            near = difflib.get_close_matches(name, list(KEYS), n=1)
            hint = f"; did you mean [{near[0]}]?" if near else ""
            self.problem(self.headers[name], f"unknown section [{name}]{hint}")
            if near == [KIOSK]:
                self.kiosk_meant = True
        if KIOSK in sections:
            self.kiosk_meant = True
        for name, allowed in KEYS.items():
            for key, value in sections.get(name, {}).items():
                if key not in allowed:
                    near = difflib.get_close_matches(key, allowed, n=1)
                    hint = f"; did you mean {near[0]!r}?" if near else ""
                    self.problem(value.line, f"unknown setting {key!r} in [{name}]{hint}")
        main, kiosk = sections.get(MAIN, {}), sections.get(KIOSK, {})

        council = self._council(main.get("council"))
        content = self._content(main.get("content"))
        enabled = self._enabled(kiosk.get("enabled"))
        inactivity = self._seconds(
            kiosk.get("inactivity_seconds"), INACTIVITY_DEFAULT, INACTIVITY_RANGE
        )
        countdown = self._seconds(
            kiosk.get("countdown_seconds"), COUNTDOWN_DEFAULT, COUNTDOWN_RANGE
        )
        pin = self._pin(kiosk.get("pin"))
        printer = kiosk["printer"].text if kiosk.get("printer") and kiosk["printer"].text else None
        # Fail closed: if the file means to lock this PC down, any mistake keeps it locked.
        problems = self.formatted()
        if self.kiosk_meant and problems and enabled is not True:
            line = self.headers.get(KIOSK, 1)
            problems += (
                f"{self.path}:{line}: kiosk mode stays on until the problems above are fixed",
            )
            enabled = True
        return MachineConfig(
            self.path,
            council=council,
            content=content,
            kiosk=bool(enabled),
            inactivity_seconds=inactivity,
            countdown_seconds=countdown,
            pin_hash=pin,
            printer=printer,
            problems=problems,
        )

    def _council(self, value: _Value | None) -> str | None:
        if value is None or not value.text:
            return None
        if not re.fullmatch(_COUNCIL_ID, value.text):
            self.problem(value.line, f"council {value.text!r} is not a council id like 'wbc'")
            return None
        return value.text

    def _content(self, value: _Value | None) -> Path | None:
        if value is None or not value.text:
            return None
        # Relative to what? The app's working folder differs from one shortcut
        # to the next, so only a full path means the same folder every time.
        folder = Path(value.text.strip('"'))
        if not folder.is_absolute():
            self.problem(
                value.line,
                f"content {value.text!r} is not a full path (like "
                r"\\server\share\smguide-content or /srv/smguide-content); "
                "using the built-in content",
            )
            return None
        return folder

    def _enabled(self, value: _Value | None) -> bool | None:
        if value is None:
            return None
        word = value.text.lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        self.problem(value.line, f"enabled must be yes or no, not {value.text!r}")
        return None

    def _seconds(self, value: _Value | None, default: int, limits: tuple[int, int]) -> int:
        if value is None:
            return default
        low, high = limits
        if value.text.isdigit() and low <= int(value.text) <= high:
            return int(value.text)
        self.problem(
            value.line,
            f"{value.text!r} is not a whole number of seconds from {low} to {high}; "
            f"using {default}",
        )
        return default

    def _pin(self, value: _Value | None) -> str | None:
        if value is None or not value.text:
            return None
        from smguide.core.pin import stored_problem

        problem = stored_problem(value.text)
        if problem is not None:
            self.problem(
                value.line,
                f"the pin {problem}; the administrator exit is unavailable until "
                "'smguide kiosk-pin' sets it again",
            )
            return None
        return value.text


def with_pin(text: str, pin_hash: str) -> str:
    """*text* (a configuration file) with ``pin`` in ``[kiosk]`` set to *pin_hash*.

    Every other line, comments included, is kept as IT wrote it.
    """
    lines = text.splitlines()
    setting = f"pin = {pin_hash}"
    start = next(
        (
            index
            for index, line in enumerate(lines)
            if (match := re.fullmatch(_SECTION, line.strip())) and match[1].lower() == KIOSK
        ),
        None,
    )
    if start is None:
        while lines and not lines[-1].strip():
            lines.pop()
        lines += ["", "[kiosk]", setting] if lines else ["[kiosk]", setting]
        return "\n".join(lines) + "\n"
    end = start + 1
    while end < len(lines) and not lines[end].strip().startswith("["):
        end += 1
    for index in range(start + 1, end):
        match = re.match(_KEY, lines[index])
        comment = lines[index].strip().startswith((";", "#"))
        if match and not comment and match[1].strip().lower() == "pin":
            lines[index] = setting
            return "\n".join(lines) + "\n"
    lines.insert(start + 1, setting)
    return "\n".join(lines) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Replace *path* with *text* so that a crash leaves the old file or the new, never half.

    Written to a temporary file in the same folder, flushed to disk, then
    renamed over the old one (an atomic step on Windows and POSIX alike).
    """
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            temporary.chmod(path.stat().st_mode & 0o777)
        else:
            temporary.chmod(0o644)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Makes the new name survive a power cut, where the system allows it (not Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
