"""Start and stop the Neo4j test instance: the launcher of ``src/`` on the jars of ``lib/``.

``make neo4j-jars`` fetches the jars and compiles the launcher; this module only runs it. The
launcher prints ``NEO4J_READY bolt://127.0.0.1:PORT`` once Neo4j answers, and stops when its
standard input closes, so a test run that dies abruptly never leaves a JVM behind.

Run by hand for a throw-away server (Ctrl-C stops it)::

    .venv/bin/python neo4j-test/instance.py
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
LIB = HERE / "lib"
CLASSES = HERE / "target" / "classes"
RUN = HERE / "run"
MAIN_CLASS = "TestNeo4j"
READY = re.compile(r"^NEO4J_READY (bolt://\S+) (\d+)ms$", re.MULTILINE)

# Heap of 1 GB from the start, touched at launch: Neo4j's memory guide asks for the initial heap
# equal to the maximum (a growing heap means extra full collections), and its neo4j.conf pre-touches
# it. The page cache (256 MB) is set by the launcher, off heap. The --add-opens flags and the
# system properties are those of Neo4j's own neo4j.conf on Java 17.
# QUICK_START (client compiler only) roughly halves the start on a small machine but caps the
# steady-state speed: the tests' workloads are small, so they keep it; the benchmark does not.
QUICK_START = ("-XX:TieredStopAtLevel=1",)
JVM_FLAGS = (
    "-Xms1g",
    "-Xmx1g",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens",
    "java.base/java.nio=ALL-UNNAMED",
    "--add-opens",
    "java.base/java.io=ALL-UNNAMED",
    "--add-opens",
    "java.base/sun.nio.ch=ALL-UNNAMED",
)

LOG_TAIL_CHARS = 6000


class LaunchError(RuntimeError):
    """Neo4j did not start; the message carries the end of its log."""


@dataclass
class Neo4jInstance:
    """A launched test instance: :meth:`wait_ready` waits for it, :meth:`stop` ends it (idempotent)."""

    process: subprocess.Popen[bytes] = field(repr=False)
    log_path: Path
    began: float = field(repr=False)
    _log: IO[bytes] = field(repr=False)
    uri: str | None = None
    started_in: float | None = None
    """Seconds from launch to the ready line."""

    def wait_ready(self, timeout: float = 180.0) -> str:
        """Return the Bolt URI once Neo4j says it is ready; raise :class:`LaunchError` otherwise."""
        while self.uri is None:
            found = READY.search(self.log_path.read_text(encoding="utf-8", errors="replace"))
            if found:
                self.uri = found.group(1)
                self.started_in = time.monotonic() - self.began
                break
            if self.process.poll() is not None:
                self.stop()
                raise LaunchError(
                    f"Neo4j s'est arrêté au démarrage (code {self.process.returncode}). Journal "
                    f"{self.log_path} :\n{log_tail(self.log_path)}"
                )
            if time.monotonic() - self.began > timeout:
                self.stop(timeout=10)
                raise LaunchError(
                    f"Neo4j n'a pas annoncé qu'il était prêt en {timeout:.0f} s. Journal "
                    f"{self.log_path} :\n{log_tail(self.log_path)}"
                )
            time.sleep(0.1)
        return self.uri

    def stop(self, timeout: float = 30.0) -> None:
        running = self.process.poll() is None
        # Closing standard input asks the launcher to delete its data and exit.
        if self.process.stdin is not None and not self.process.stdin.closed:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        if running:
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(15)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        if not self._log.closed:
            self._log.close()


def log_tail(path: Path, limit: int = LOG_TAIL_CHARS) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"(journal illisible : {exc})"
    return text if len(text) <= limit else "…\n" + text[-limit:]


def java_executable() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise LaunchError("Java introuvable : installez Java 17 (ou définissez JAVA_HOME).")
    return found


def command(*, quick_start: bool = True, port: int = 0, data_parent: Path | None = None) -> list[str]:
    """The launcher's command; ``port`` 0 lets the system pick, ``data_parent`` holds its data folder."""
    classpath = os.pathsep.join([str(CLASSES), str(LIB / "*")])
    flags = (*JVM_FLAGS, *QUICK_START) if quick_start else JVM_FLAGS
    if data_parent is not None:  # the data folder of a killed instance stays there, not in /tmp
        flags = (*flags, f"-Djava.io.tmpdir={data_parent}")
    return [java_executable(), *flags, "-cp", classpath, MAIN_CLASS, str(port)]


def check_built() -> None:
    if not (CLASSES / f"{MAIN_CLASS}.class").exists() or not any(LIB.glob("neo4j-bolt-*.jar")):
        raise LaunchError(
            "Neo4j de test non construit : lancez « make neo4j-jars » (télécharge Neo4j 5.26 depuis "
            "Maven Central et compile le lanceur)."
        )


def launch(
    log_dir: Path = RUN, *, quick_start: bool = True, port: int = 0, data_parent: Path | None = None
) -> Neo4jInstance:
    """Start the launcher without waiting; its output goes to a log file in ``log_dir``."""
    check_built()
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"neo4j-{os.getpid()}{f'-{port}' if port else ''}.log"
    log = log_path.open("wb")
    began = time.monotonic()
    process = subprocess.Popen(
        command(quick_start=quick_start, port=port, data_parent=data_parent),
        stdin=subprocess.PIPE,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=HERE,
    )
    return Neo4jInstance(process=process, log_path=log_path, began=began, _log=log)


def start(
    timeout: float = 180.0,
    log_dir: Path = RUN,
    *,
    quick_start: bool = True,
    port: int = 0,
    data_parent: Path | None = None,
) -> Neo4jInstance:
    """Launch Neo4j and wait for its ready line; raise :class:`LaunchError` with its log otherwise."""
    instance = launch(log_dir, quick_start=quick_start, port=port, data_parent=data_parent)
    instance.wait_ready(timeout)
    return instance


def main() -> int:
    # A plain `kill` stops the server cleanly too (the finally below), not only Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        instance = start()
    except LaunchError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Neo4j prêt en {instance.started_in or 0:.1f} s : NEO4J_URI={instance.uri} (Ctrl-C pour arrêter)")
    try:
        instance.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        instance.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
