"""Keep decrypted data out of core dumps and away from other processes of the same user.

With SQLCipher's memory wiping off (see store/engine.py), what protects the plaintext that
lives in this process is that it never leaves it: no core file (`RLIMIT_CORE` 0) and, on Linux,
not dumpable (`PR_SET_DUMPABLE` 0: no core, and no ptrace or /proc/<pid>/mem by the same user).
On Windows, Windows Error Reporting is told not to show or keep a crash dialog for the process.
Hand-written because it is three system calls; no library wraps them.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys

_PR_SET_DUMPABLE = 4
_SEM_FAILCRITICALERRORS = 0x0001
_SEM_NOGPFAULTERRORBOX = 0x0002
_done = False


def harden_process() -> None:
    """Refuse core dumps for this process (idempotent, never raises)."""
    global _done
    if _done:
        return
    _done = True
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        with contextlib.suppress(ImportError, OSError, ValueError):
            import resource

            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    elif sys.platform == "win32":
        with contextlib.suppress(OSError, AttributeError):
            windll = ctypes.windll  # type: ignore[attr-defined,unused-ignore]
            windll.kernel32.SetErrorMode(_SEM_FAILCRITICALERRORS | _SEM_NOGPFAULTERRORBOX)


def core_dumps_refused() -> bool:
    """True when this process can leave no core file (for tests and diagnostics)."""
    if not sys.platform.startswith("linux"):
        return False
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    libc = ctypes.CDLL(None, use_errno=True)
    return soft == 0 and hard == 0 and libc.prctl(3, 0, 0, 0, 0) == 0  # 3: PR_GET_DUMPABLE
