"""A local HTTP/2 server for the search benchmark, as GitHub Pages serves the site.

Python's standard library has no HTTP/2, and Chromium speaks it only over TLS, so this starts
``h2serve.mjs`` under Node with a certificate made for the run by ``openssl``; the bench's
browser is told to accept it.  Without Node or openssl the HTTP/2 pass is skipped, and
``missing`` says why.
"""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
import tempfile
import urllib.request
from collections import Counter
from pathlib import Path

SCRIPT = Path(__file__).with_name("h2serve.mjs")
TOOLS = ("node", "openssl")


def missing() -> list[str]:
    """The programs the HTTP/2 server needs that this machine lacks."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


class Http2Server:
    """``h2serve.mjs`` serving ``folder`` on 127.0.0.1 until ``close``; ``take`` reads and resets
    the bytes it has sent, by path."""

    def __init__(self, folder: Path):
        self._keys = tempfile.TemporaryDirectory(prefix="h2serve-")
        cert, key = Path(self._keys.name) / "cert.pem", Path(self._keys.name) / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                       check=True, capture_output=True)
        self._process = subprocess.Popen(["node", str(SCRIPT), str(folder), str(cert), str(key)],
                                         stdout=subprocess.PIPE, text=True)
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line.strip().isdigit():
            self.close()
            raise RuntimeError(f"h2serve.mjs did not start (said {line!r})")
        self.port = int(line)
        self.origin = f"https://127.0.0.1:{self.port}"
        self._tls = ssl.create_default_context(cafile=str(cert))
        self._tls.check_hostname = False   # the certificate names an address, not a host

    def take(self) -> Counter[str]:
        """Bytes sent per path since the last call."""
        with urllib.request.urlopen(self.origin + "/__tally", context=self._tls) as answer:
            return Counter(json.loads(answer.read()))

    def close(self) -> None:
        self._process.kill()
        self._process.wait()
        if self._process.stdout:
            self._process.stdout.close()
        self._keys.cleanup()
