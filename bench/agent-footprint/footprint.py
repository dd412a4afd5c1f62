#!/usr/bin/env python3
"""Agent footprint beside prometheus-blackbox-exporter: same loopback targets, same probe rate.

Started by run.sh (which publishes the agent and central first). Everything listens on and probes
127.0.0.0/8 only. Prints one table: probes run, RSS (VmRSS sampled every second: average and peak,
plus the kernel's VmHWM since start) and CPU (utime+stime over the measured window, % of one core).
"""
import argparse
import heapq
import json
import os
import platform
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TCP_PORT = 8335  # central-appclarity: the catalogue's plain tcp flow, port fixed by the catalogue
HTTP_PORT = 18080  # central-activeefficiency-http: port set per host in the estate
ENROLMENT_KEY = "footprint-bench-enrolment-key-Qw3rTy9UiOp2"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--agent", required=True, help="published agent executable")
    p.add_argument("--central-dll", required=True, help="central's ShoppingConnectivity.Central.dll")
    p.add_argument("--exporter", default="prometheus-blackbox-exporter")
    p.add_argument("--duration", type=int, default=600, help="measured seconds (after warm-up)")
    p.add_argument("--warmup", type=int, default=None, help="seconds before measuring (default: one probe interval)")
    p.add_argument("--rate", type=int, default=30, help="probes per minute, for each of agent and exporter")
    p.add_argument("--targets", type=int, default=10, help="distinct targets (127.0.0.11 ...)")
    p.add_argument("--closed", type=int, default=2, help="targets with nothing listening (probes end Refused)")
    p.add_argument("--kinds", default="tcp", choices=["tcp", "tcp,http"],
                   help="tcp: AppClarity flow only; tcp,http: half the targets are ActiveEfficiency web servers")
    p.add_argument("--label", default="agent", help="name of the agent build in the table")
    p.add_argument("--keep", action="store_true", help="keep the work folder (logs, estate, database)")
    p.add_argument("--threads", action="store_true",
                   help="also print CPU and wake-ups per thread (from /proc/PID/task/*/schedstat, sampled every second)")
    return p.parse_args()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Targets:
    """Real listeners on loopback addresses: TCP accept-and-close, and small HTTP servers."""

    def __init__(self, tcp_open, http_open):
        self._stop = False
        self._sockets = []
        self._servers = []
        for address in tcp_open:
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((address, TCP_PORT))
            s.listen(64)
            self._sockets.append(s)
            threading.Thread(target=self._accept, args=(s,), daemon=True).start()
        for address in http_open:
            server = ThreadingHTTPServer((address, HTTP_PORT), _Ok)
            self._servers.append(server)
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def _accept(self, s):
        while not self._stop:
            try:
                conn, _ = s.accept()
                conn.close()
            except OSError:
                return

    def close(self):
        self._stop = True
        for s in self._sockets:
            s.close()
        for server in self._servers:
            server.shutdown()
            server.server_close()


class _Ok(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14 and 15 of stat)


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise KeyError(key)


class Sampler:
    def __init__(self, pids, threads=False):
        self.pids = pids
        self.rss = {name: [] for name in pids}
        # Per thread: name, (CPU ns, runs) when first seen in the window and when last seen. A thread born in the
        # window starts from zero; one that ends between two samples loses its last second (pool threads do).
        self.threads = {name: {} for name in pids} if threads else None
        if threads:
            for name, pid in pids.items():
                for tid, (comm, ns, runs) in thread_stats(pid).items():
                    self.threads[name][tid] = [comm, ns, runs, ns, runs]

    def sample(self):
        for name, pid in self.pids.items():
            self.rss[name].append(status_kb(pid, "VmRSS"))
            if self.threads is None:
                continue
            for tid, (comm, ns, runs) in thread_stats(pid).items():
                seen = self.threads[name].setdefault(tid, [comm, 0, 0, 0, 0])
                seen[3], seen[4] = ns, runs

    def thread_table(self, name, seconds):
        """Rows per thread name: CPU ms, % of a core, wake-ups (times scheduled in), threads, CPU per wake-up."""
        by_name = {}
        for comm, ns0, runs0, ns1, runs1 in self.threads[name].values():
            row = by_name.setdefault(comm, [0, 0, 0])
            row[0] += ns1 - ns0
            row[1] += runs1 - runs0
            row[2] += 1
        rows = sorted(by_name.items(), key=lambda r: -r[1][0])
        return [(comm, ns / 1e6, 100 * ns / 1e9 / seconds, runs, n, ns / max(runs, 1) / 1e3) for comm, (ns, runs, n) in rows if ns]


def thread_stats(pid):
    """tid -> (thread name, CPU ns, times scheduled in): /proc/PID/task/TID/schedstat (exact, unlike the 10 ms ticks of stat)."""
    stats = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                comm = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                ns, _, runs = map(int, f.read().split())
            stats[int(tid)] = (comm, ns, runs)
        except (OSError, ValueError):
            pass  # the thread ended meanwhile
    return stats


def wait_http(url, seconds, process, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"{what} exited at start (code {process.returncode}); see its log.")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"{what} did not answer {url} within {seconds} s.")


def wait_log(path, needle, seconds, process, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"{what} exited (code {process.returncode}):\n{open(path).read()}")
        with open(path, errors="replace") as f:
            text = f.read()
        if needle in text:
            return text
        time.sleep(0.3)
    sys.exit(f"{what}: no '{needle}' in its log within {seconds} s:\n{open(path).read()}")


class ExporterDriver(threading.Thread):
    """Asks the exporter's /probe for each target on the agent's schedule: every interval, spread over it."""

    def __init__(self, base, probes, interval):
        super().__init__(daemon=True)
        self.base, self.probes, self.interval = base, probes, interval
        self.stop_at = None
        self.counting = False
        self.runs = self.succeeded = 0
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=4)  # like the agent's Agent:MaxConcurrentProbes

    def _probe(self, module, target):
        url = f"{self.base}/probe?module={module}&target={target}"
        ok = False
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                ok = b"\nprobe_success 1" in b"\n" + r.read()
        except OSError:
            pass
        with self._lock:
            if self.counting:
                self.runs += 1
                self.succeeded += ok

    def run(self):
        start = time.monotonic()
        queue = [(start + i * self.interval / len(self.probes), i) for i in range(len(self.probes))]
        heapq.heapify(queue)
        while True:
            at, i = heapq.heappop(queue)
            delay = at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            if self.stop_at is not None and time.monotonic() >= self.stop_at:
                break
            self._pool.submit(self._probe, *self.probes[i])
            heapq.heappush(queue, (at + self.interval, i))
        self._pool.shutdown(wait=True)


# ProbeOutcome in the order of its C# enum: Results keep the outcome's number.
OUTCOMES = ["Reachable", "Refused", "TimedOut", "DnsFailed", "Unreachable", "ProtocolError", "Error"]


def result_counts(db):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as c:
        rows = c.execute("SELECT Outcome, COUNT(*) FROM Results GROUP BY Outcome").fetchall()
    return {OUTCOMES[o] if isinstance(o, int) and 0 <= o < len(OUTCOMES) else str(o): n for o, n in rows}


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    a = parse_args()
    interval = a.targets * 60 / a.rate
    if interval != int(interval) or interval < 5:
        sys.exit(f"--targets {a.targets} at --rate {a.rate}/min gives a probe interval of {interval} s: "
                 "pick values giving whole seconds, at least 5.")
    interval = int(interval)
    warmup = interval if a.warmup is None else a.warmup
    if not 0 <= a.closed < a.targets:
        sys.exit(f"--closed must be between 0 and {a.targets - 1} (is {a.closed}).")

    n_http = a.targets // 2 if a.kinds == "tcp,http" else 0
    n_tcp = a.targets - n_http
    tcp_addresses = [f"127.0.0.{11 + i}" for i in range(n_tcp)]
    http_addresses = [f"127.0.0.{111 + i}" for i in range(n_http)]
    closed = set((tcp_addresses + http_addresses)[: a.closed])  # nothing listens there: Refused

    work = tempfile.mkdtemp(prefix="agent-footprint-")
    hosts = [{"name": "bench-agent", "address": "127.0.0.1", "roles": ["CentralService"]}]
    hosts += [{"name": f"appc{i + 1:02}", "address": ad, "roles": ["AppClarity"]} for i, ad in enumerate(tcp_addresses)]
    hosts += [{"name": f"ae{i + 1:02}", "address": ad, "roles": ["ActiveEfficiency"],
               "ports": {"activeEfficiencyHttp": HTTP_PORT}} for i, ad in enumerate(http_addresses)]
    estate = {"name": "Footprint bench (loopback)", "switches": {"appClarity": True}, "hosts": hosts}
    with open(os.path.join(work, "estate.json"), "w") as f:
        json.dump(estate, f, indent=2)
    with open(os.path.join(work, "blackbox.yml"), "w") as f:
        f.write("modules:\n"
                "  tcp_connect:\n    prober: tcp\n    timeout: 3s\n"
                "  http_2xx:\n    prober: http\n    timeout: 3s\n"
                "    http:\n      preferred_ip_protocol: ip4\n      valid_status_codes: [200]\n")

    targets = Targets([ad for ad in tcp_addresses if ad not in closed], [ad for ad in http_addresses if ad not in closed])
    processes = []
    try:
        central_port = free_port()
        central_log = open(os.path.join(work, "central.log"), "w")
        env = dict(os.environ, DOTNET_ENVIRONMENT="Production", ASPNETCORE_ENVIRONMENT="Production",
                   Central__DataDirectory=os.path.join(work, "central-data"),
                   Central__EstatePath=os.path.join(work, "estate.json"),
                   Central__EnrolmentKey=ENROLMENT_KEY,
                   Central__ProbeIntervalSeconds=str(interval),
                   Central__ProbeTimeoutMs="3000")
        central = subprocess.Popen(["dotnet", a.central_dll, "--urls", f"http://127.0.0.1:{central_port}"],
                                   cwd=work, env=env, stdout=central_log, stderr=subprocess.STDOUT)
        processes.append(central)
        wait_http(f"http://127.0.0.1:{central_port}/healthz", 90, central, "central")

        agent_log_path = os.path.join(work, "agent.log")
        agent_env = dict(os.environ, Agent__CentralUrl=f"http://127.0.0.1:{central_port}", Agent__HostName="bench-agent",
                         Agent__EnrolmentKey=ENROLMENT_KEY, Agent__DataDirectory=os.path.join(work, "agent-data"))
        agent_started = time.monotonic()
        agent = subprocess.Popen([a.agent], cwd=work, env=agent_env,
                                 stdout=open(agent_log_path, "w"), stderr=subprocess.STDOUT)
        processes.append(agent)
        log = wait_log(agent_log_path, " probes.", 60, agent, "agent")
        expected = f"in force: {a.targets} probes."
        if expected not in log:
            sys.exit(f"agent: expected '{expected}' in its log:\n{log}")
        agent_ready_s = time.monotonic() - agent_started

        exporter_port = free_port()
        exporter = subprocess.Popen([a.exporter, f"--config.file={os.path.join(work, 'blackbox.yml')}",
                                     f"--web.listen-address=127.0.0.1:{exporter_port}", "--log.level=warn"],
                                    cwd=work, stdout=open(os.path.join(work, "exporter.log"), "w"), stderr=subprocess.STDOUT)
        processes.append(exporter)
        wait_http(f"http://127.0.0.1:{exporter_port}/-/healthy", 30, exporter, "blackbox exporter")
        probes = [("tcp_connect", f"{ad}:{TCP_PORT}") for ad in tcp_addresses]
        probes += [("http_2xx", f"http://{ad}:{HTTP_PORT}/") for ad in http_addresses]
        driver = ExporterDriver(f"http://127.0.0.1:{exporter_port}", probes, interval)
        driver.start()

        print(f"Warm-up {warmup} s (agent ready {agent_ready_s:.1f} s after start), then measuring {a.duration} s: "
              f"{a.targets} targets every {interval} s = {a.rate} probes/min each. Work folder: {work}", flush=True)
        time.sleep(warmup)

        db = os.path.join(work, "central-data", "shopping-connectivity.db")
        pids = {"agent": agent.pid, "exporter": exporter.pid}
        sampler = Sampler(pids, threads=a.threads)
        before = result_counts(db)
        cpu0 = {name: cpu_seconds(pid) for name, pid in pids.items()}
        with driver._lock:
            driver.counting = True
        t0 = time.monotonic()
        next_sample = t0
        while time.monotonic() - t0 < a.duration:
            for name, process in (("agent", agent), ("exporter", exporter), ("central", central)):
                if process.poll() is not None:
                    sys.exit(f"{name} exited during the run (code {process.returncode}); logs in {work}")
            sampler.sample()
            next_sample += 1
            time.sleep(max(0, next_sample - time.monotonic()))
        elapsed = time.monotonic() - t0
        cpu1 = {name: cpu_seconds(pid) for name, pid in pids.items()}
        hwm = {name: status_kb(pid, "VmHWM") for name, pid in pids.items()}
        agent_cpu_total = cpu1["agent"]
        with driver._lock:
            driver.counting = False
        driver.stop_at = time.monotonic()
        driver.join(interval + 15)
        # Results that change nothing wait up to central's quiet time (one probe interval here) before they are
        # sent: wait that long and a push interval more, so the window's last results reach central.
        time.sleep(interval + 6)
        after = result_counts(db)
    finally:
        for process in reversed(processes):
            stop(process)
        targets.close()

    outcomes = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    agent_runs = sum(outcomes.values())
    agent_ok = outcomes.get("Reachable", 0)
    expected_runs = a.rate * elapsed / 60
    stats = {}
    for name in pids:
        rss = sampler.rss[name]
        stats[name] = (sum(rss) / len(rss) / 1024, max(rss) / 1024, hwm[name] / 1024,
                       100 * (cpu1[name] - cpu0[name]) / elapsed)

    cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    exporter_version = subprocess.run([a.exporter, "--version"], capture_output=True, text=True)
    exporter_version = (exporter_version.stdout + exporter_version.stderr).split()[2]
    print()
    print(f"Machine: {os.cpu_count()} cores ({cpu_model}), {round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, "
          f"Linux {platform.release()}")
    print(f"Window: {elapsed:.0f} s measured after {warmup} s warm-up; {a.targets} targets ({a.closed} refused), "
          f"kinds {a.kinds}, {a.rate} probes/min each")
    print()
    rows = [
        ("", a.label, f"blackbox exporter {exporter_version}"),
        ("probes in window (expected ~%d)" % round(expected_runs), f"{agent_runs} ({agent_ok} reachable)",
         f"{driver.runs} ({driver.succeeded} succeeded)"),
        ("RSS average (MiB)", f"{stats['agent'][0]:.1f}", f"{stats['exporter'][0]:.1f}"),
        ("RSS peak, sampled (MiB)", f"{stats['agent'][1]:.1f}", f"{stats['exporter'][1]:.1f}"),
        ("RSS peak since start, VmHWM (MiB)", f"{stats['agent'][2]:.1f}", f"{stats['exporter'][2]:.1f}"),
        ("CPU in window (% of one core)", f"{stats['agent'][3]:.3f}", f"{stats['exporter'][3]:.3f}"),
        ("CPU since start (s)", f"{agent_cpu_total:.2f}", f"{cpu1['exporter']:.2f}"),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for i, r in enumerate(rows):
        print(f"| {r[0]:<{widths[0]}} | {r[1]:>{widths[1]}} | {r[2]:>{widths[2]}} |")
        if i == 0:
            print(f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 1)}:|{'-' * (widths[2] + 1)}:|")
    print()

    problems = []
    if agent_runs < 0.9 * expected_runs:
        problems.append(f"the agent ran {agent_runs} probes, expected about {expected_runs:.0f}")
    if driver.runs < 0.9 * expected_runs:
        problems.append(f"the exporter ran {driver.runs} probes, expected about {expected_runs:.0f}")
    if agent_ok < 0.9 * agent_runs * (a.targets - a.closed) / a.targets:
        problems.append(f"only {agent_ok} of the agent's {agent_runs} probes were reachable ({outcomes}); "
                        "an agent that does not know a probe kind reports Error")
    if a.threads:
        for name in pids:
            table = sampler.thread_table(name, elapsed)
            total_ms = sum(r[1] for r in table)
            wakeups = sum(r[3] for r in table)
            print(f"{name} by thread ({total_ms:.0f} ms CPU, {wakeups} wake-ups in the window; threads that ended are partly missing):")
            print("| thread | CPU (ms) | % of a core | wake-ups | threads | µs per wake-up |")
            print("|---|---:|---:|---:|---:|---:|")
            for comm, ms, pct, runs, n, per in table:
                print(f"| {comm} | {ms:.1f} | {pct:.4f} | {runs} | {n} | {per:.0f} |")
            print()

    verdict = []
    verdict.append(f"agent RSS peak {stats['agent'][1]:.1f} MiB {'<=' if stats['agent'][1] <= 40 else '>'} 40 MiB target")
    verdict.append(f"agent CPU {stats['agent'][3]:.3f}% {'<=' if stats['agent'][3] <= stats['exporter'][3] else '>'} "
                   f"exporter CPU {stats['exporter'][3]:.3f}%")
    print("Targets: " + "; ".join(verdict))
    if not a.keep:
        subprocess.run(["rm", "-rf", work])
    if problems:
        sys.exit("Run not valid: " + "; ".join(problems))


if __name__ == "__main__":
    main()
