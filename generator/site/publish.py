"""Putting a finished site into ``site_dir``, whatever ``site_dir`` is.

The build writes into a staging folder, and only a whole site replaces the old one.

- A plain folder (or none yet): staging sits beside it and the swap is two renames.
- A symbolic link: the folder it leads to is published into; the link is left as it is.
- A folder that cannot be renamed (a mount point such as a container volume, or one whose
  parent this user may not write): staging sits inside it, in ``.publishing/``, and the
  swap moves its entries, putting them back if a move fails.
- A leftover that cannot be removed (a file the build may not delete) is stepped round
  under a fresh name and named in a warning, so it never fails a later build.

Anything else (a file where the folder should be, a parent that cannot be made) stops the
build before it starts with one sentence.  A lock beside staging keeps two builds from
publishing into one place at once: the second waits for the first.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.crosswalk")

INSIDE = ".publishing"   # the work folder inside a site_dir that cannot be renamed


class PublishError(Exception):
    """``site_dir`` cannot be published into; the message is one sentence for the maintainer."""


class Publisher:
    def __init__(self, site_dir: str):
        given = Path(site_dir)
        final = Path(os.path.realpath(given)) if given.is_symlink() else given
        what = f"site_dir {given}" + (f" (a symbolic link to {final})" if final != given else "")
        if final.exists() and not final.is_dir():
            raise PublishError(f"{what} is not a folder; nothing was built")
        self.final = final
        self.inside = final.is_dir() and (os.path.ismount(final) or not os.access(final.parent, os.W_OK))
        self.area = final / INSIDE if self.inside else final.parent
        self._prefix = "" if self.inside else final.name + "."
        try:
            self.area.mkdir(parents=True, exist_ok=True)
            lock = self.area / ("lock" if self.inside else f".{final.name}.lock")
            self._lock: int | None = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise PublishError(f"{what} cannot be published into: {e.strerror} ({e.filename}); "
                               f"nothing was built") from e
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("crosswalk: another build is publishing into %s; waiting for it to finish", final)
            fcntl.flock(self._lock, fcntl.LOCK_EX)
        self.staging = self.scratch("building")

    def scratch(self, name: str) -> Path:
        """An empty work folder's path in the publishing area: ``name``, or a fresh variant of
        it when a leftover of that name cannot be removed."""
        path = self.area / f"{self._prefix}{name}"
        n = 1
        while not _removed(path):
            n += 1
            path = self.area / f"{self._prefix}{name}-{n}"
        return path

    def swap(self) -> None:
        """Put staging in the place of the published site; the old site stays on any failure."""
        try:
            (self._swap_entries if self.inside else self._swap_folder)()
        except OSError as e:
            raise PublishError(f"the new site could not be put into {self.final}: {e.strerror} ({e.filename}); "
                               f"the previous site was left as it was") from e

    def _swap_folder(self) -> None:
        old = self.scratch("old")
        had = os.path.lexists(self.final)
        if had:
            os.rename(self.final, old)
        try:
            os.rename(self.staging, self.final)
        except OSError:
            if had:
                os.rename(old, self.final)
            raise
        _discard(old)

    def _swap_entries(self) -> None:
        old = self.scratch("old")
        old.mkdir()
        current = [e for e in os.listdir(self.final) if e != INSIDE]
        new = os.listdir(self.staging)
        put, moved = [], []
        try:
            for name in current:
                os.rename(self.final / name, old / name)
                moved.append(name)
            for name in new:
                os.rename(self.staging / name, self.final / name)
                put.append(name)
        except OSError:
            for name in put:
                os.rename(self.final / name, self.staging / name)
            for name in moved:
                os.rename(old / name, self.final / name)
            raise
        _discard(old)

    def close(self) -> None:
        """Remove what is left of staging and let the next build publish."""
        if self._lock is None:
            return
        _removed(self.staging)
        os.close(self._lock)   # releases the lock
        self._lock = None


def _removed(path: Path) -> bool:
    """Whether ``path`` is gone after trying to remove it (a folder with all it holds)."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        try:
            os.unlink(path)
        except OSError:
            pass
    return not os.path.lexists(path)


def _discard(old: Path) -> None:
    if not _removed(old):
        log.warning("crosswalk: the previous site could not be removed entirely from %s; the new site is "
                    "published, and the rest of the old one can be removed by hand", old)
