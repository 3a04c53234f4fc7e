"""Loaded by Python at start-up (this folder is put first on PYTHONPATH by the test).

Makes any attempt to open a network connection from Python fail loudly: the
attempt is written to the file named by SMGUIDE_NETWORK_REPORT with its stack,
printed to stderr, and refused with an error. At exit it also records whether
Qt's network module was ever loaded (as a Python module, or as a library
mapped into the process), so a QNetworkAccessManager cannot go unnoticed.
"""

import atexit
import os
import socket
import sys
import traceback

_REPORT = os.environ.get("SMGUIDE_NETWORK_REPORT", "")


def _report(what):
    line = f"NETWORK: {what}\n" + "".join(traceback.format_stack(limit=12))
    sys.stderr.write(line)
    if _REPORT:
        with open(_REPORT, "a", encoding="utf-8") as stream:  # noqa: PTH123 (builtins only here)
            stream.write(line + "\n")


class _GuardedSocket(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        _report(f"socket.socket(family={family}, type={type}, fileno={fileno})")
        raise OSError("smguide must not use the network: socket creation refused by the test")


def _refuse(name):
    def refused(*args, **kwargs):
        _report(f"socket.{name}{args!r}")
        raise OSError(f"smguide must not use the network: socket.{name} refused by the test")

    return refused


socket.socket = _GuardedSocket
for _name in (
    "create_connection",
    "getaddrinfo",
    "gethostbyname",
    "gethostbyname_ex",
    "socketpair",
    "fromfd",
    "create_server",
):
    setattr(socket, _name, _refuse(_name))


@atexit.register
def _qt_network():
    loaded = sorted(name for name in sys.modules if name.startswith("PySide6.QtNetwork"))
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:  # noqa: PTH123
            mapped = sorted({line.split()[-1] for line in maps if "Qt6Network" in line})
    except OSError:
        mapped = []
    if loaded or mapped:
        _report(f"Qt's network module was loaded: {loaded + mapped}")
