"""Why a file could not be written, in words for the person at the desk.

``OSError`` says "[Errno 28] No space left on device" or, on Windows, "The
process cannot access the file because it is being used by another
process". Every place that writes a file the app owns says the same thing
the same way.
"""

from __future__ import annotations

import errno

#: Windows' own codes for a file that another program holds open or locked.
_WINDOWS_IN_USE = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would be larger than the system allows (or the disk is full)",
    errno.EROFS: "the disk or folder is read-only",
    errno.EACCES: "permission was refused (the folder or file may be read-only)",
    errno.EPERM: "permission was refused (the folder or file may be read-only)",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.EBUSY: "another program is using the file",
    errno.ETXTBSY: "another program is using the file",
    errno.EIO: "the disk or network drive reported an error",
}


def plain_reason(error: OSError) -> str:
    """*error* as a short phrase, without a trailing full stop."""
    if getattr(error, "winerror", None) in _WINDOWS_IN_USE:
        return "another program is using the file (it is locked)"
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return (error.strerror or str(error)).rstrip(".").lower() or "the system refused"
