#!/usr/bin/env python3
"""redis-benchmark against the sample app's kv listener and against redis-server.

Starts `redis-server --port <free> --save '' --appendonly no` and the sample app's jar with
only the kv listener (one NGI loop, no web server), waits until each answers PING, then
runs `redis-benchmark -c 50 -t ping|set|get -P 1` and `-P 16` against each, alternating
which server goes first round by round, and prints requests/s per server and line, the
ratio NGI/Redis (median of the rounds' ratios), server CPU per request, and pass/fail
against the target ratio. Both servers are killed at the end, also on failure or Ctrl-C.

Run from the repository root after building the sample app:

    ./mvnw -o -B -pl ngi-sample-app -am package -DskipTests
    python3 ngi-benchmarks/kv-vs-redis.py

See ngi-benchmarks/README.md, "Redis protocol: kv vs redis-server". Python 3.8+, no
third-party modules; needs redis-server and redis-benchmark (Debian: redis-server,
redis-tools) and, for --pin, taskset (util-linux).
"""

import argparse
import csv
import glob
import io
import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone

TESTS = ("ping", "set", "get")
LINES = ("PING_INLINE", "PING_MBULK", "SET", "GET")


class HarnessError(Exception):
    """A failure the harness explains in one line and exits on."""


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers_ping(port, timeout=1.0):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(b"*1\r\n$4\r\nPING\r\n")
            reply = b""
            while not reply.endswith(b"\r\n"):
                chunk = s.recv(64)
                if not chunk:
                    break
                reply += chunk
            return reply == b"+PONG\r\n"
    except OSError:
        return False


def cpu_seconds(pid):
    """User + system CPU of a process (all its threads), from /proc/<pid>/stat."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


def rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Server:
    """One server process: started, waited for, measured, killed."""

    def __init__(self, name, argv, port, log_path, start_timeout):
        self.name = name
        self.argv = argv
        self.port = port
        self.log_path = log_path
        self.start_timeout = start_timeout
        self.process = None
        self.log = None

    def start(self):
        if answers_ping(self.port, timeout=0.5):
            raise HarnessError(f"something else already answers PING on port {self.port}; run again")
        self.log = open(self.log_path, "wb")
        try:
            self.process = subprocess.Popen(self.argv, stdout=self.log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        except OSError as ex:
            raise HarnessError(f"cannot start {self.name} ({self.argv[0]}): {ex}")
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HarnessError(f"{self.name} exited with {self.process.returncode} before answering PING "
                                   f"on port {self.port}; its output: {self.log_path}\n{self.tail()}")
            if answers_ping(self.port):
                return
            time.sleep(0.2)
        raise HarnessError(f"{self.name} did not answer PING on port {self.port} within {self.start_timeout} s; "
                           f"its output: {self.log_path}\n{self.tail()}")

    def tail(self, lines=15):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return "\n".join(f.read().decode("utf-8", "replace").splitlines()[-lines:])

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            if self.log:
                self.log.close()
            return
        # The whole session: the JVM or redis-server, and whatever it started.
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        self.log.close()


def run_benchmark(args, pin_client, port, test, pipeline, requests):
    argv = pin_client + [args.redis_benchmark, "-h", "127.0.0.1", "-p", str(port), "-c", str(args.clients),
                         "-n", str(requests), "-t", test, "-P", str(pipeline), "--csv"]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.monotonic()
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=args.benchmark_timeout)
    except subprocess.TimeoutExpired:
        raise HarnessError(f"redis-benchmark took over {args.benchmark_timeout} s: {' '.join(argv)}")
    except OSError as ex:
        raise HarnessError(f"cannot run redis-benchmark ({args.redis_benchmark}): {ex}")
    if done.returncode != 0:
        raise HarnessError(f"redis-benchmark failed ({done.returncode}): {' '.join(argv)}\n{done.stderr.strip()}")
    rates = {}
    for row in csv.reader(io.StringIO(done.stdout)):
        if len(row) >= 2 and row[0] in LINES:
            rates[row[0]] = float(row[1])
    if not rates:
        raise HarnessError(f"no results in redis-benchmark's output: {' '.join(argv)}\n{done.stdout}{done.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_cpu = ((after.ru_utime + after.ru_stime) - (usage.ru_utime + usage.ru_stime)) / (time.monotonic() - began)
    return rates, client_cpu


def find_jar(pattern):
    jars = [j for j in glob.glob(pattern) if not j.endswith(("-sources.jar", "-javadoc.jar", ".original"))]
    if not jars:
        raise HarnessError(f"no sample app jar matches {pattern}: build it first with "
                           "./mvnw -o -B -pl ngi-sample-app -am package -DskipTests")
    return max(jars, key=os.path.getmtime)


def require(tool, package):
    path = shutil.which(tool)
    if path is None:
        raise HarnessError(f"{tool} not found on PATH: install it (Debian: apt-get install {package}) "
                           f"or name it with --{tool}")
    return path


def parse_args():
    p = argparse.ArgumentParser(description="redis-benchmark: NGI sample app kv vs redis-server")
    p.add_argument("--rounds", type=int, default=5, help="rounds (each runs both servers), default 5")
    p.add_argument("--requests", type=int, default=200_000, help="-n for -P 1, default 200000")
    p.add_argument("--pipelined-requests", type=int, default=2_000_000,
                   help="-n for pipelined runs, default 2000000")
    p.add_argument("--pipelines", default="1,16", help="-P values, default 1,16")
    p.add_argument("--clients", type=int, default=50, help="-c, default 50")
    p.add_argument("--target", type=float, default=0.8, help="minimum NGI/Redis ratio, default 0.8")
    p.add_argument("--warmup-requests", type=int, default=1_000_000,
                   help="requests of each test (at -P 16) sent to both servers before round 1, default 1000000")
    p.add_argument("--busy-client", type=float, default=85,
                   help="a pair counts as undisturbed when redis-benchmark had at least this CPU percent on both "
                        "servers, default 85")
    p.add_argument("--jar", default="ngi-sample-app/target/ngi-sample-app*.jar")
    p.add_argument("--java", default=os.path.join(os.environ["JAVA_HOME"], "bin", "java")
                   if os.environ.get("JAVA_HOME") else "java")
    p.add_argument("--jvm-args", default="-Xms256m -Xmx256m",
                   help="JVM flags of the kv server, default '-Xms256m -Xmx256m'")
    p.add_argument("--redis-server", default=None)
    p.add_argument("--redis-benchmark", default=None)
    p.add_argument("--pin", choices=("on", "off"), default="on",
                   help="on (default): servers on CPU --server-cpu, redis-benchmark on --client-cpu (taskset)")
    p.add_argument("--server-cpu", default="0")
    p.add_argument("--client-cpu", default="1")
    p.add_argument("--start-timeout", type=float, default=120, help="seconds to wait for PING, default 120")
    p.add_argument("--benchmark-timeout", type=float, default=300,
                   help="seconds one redis-benchmark may take, default 300")
    p.add_argument("--profile", metavar="FILE.jfr", default=None,
                   help="instead of comparing: record a JFR profile of kv under -P 16 SET and GET")
    p.add_argument("--profile-seconds", type=float, default=30, help="length of the --profile load, default 30")
    p.add_argument("--jfr-options", default="",
                   help="appended to -XX:StartFlightRecording, e.g. ',jdk.CPUTimeSample#enabled=true' on JDK 25")
    p.add_argument("--jfr", default=None, help="the jfr tool for --profile's summary (default: next to --java)")
    p.add_argument("--redraw", metavar="NAME.json", default=None,
                   help="only redraw NAME.svg from the numbers of an earlier run's NAME.json")
    p.add_argument("--out", default="ngi-benchmarks/results", help="where --name.md/.svg/.json go")
    p.add_argument("--name", default="kv-vs-redis")
    return p.parse_args()


def kv_argv(args, java, jar, port, extra_jvm=()):
    servers = ["echo", "echo-tls", "wc", "wc-sized", "udp"]
    return ([java] + args.jvm_args.split() + list(extra_jvm) + ["-jar", jar, "--ngi.loops=1",
            f"--ngi.servers.kv.address=127.0.0.1:{port}", "--ngi.clients.heartbeat.enabled=false",
            "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
            "--logging.level.root=WARN", "--logging.level.io.ngi=WARN"]
            + [f"--ngi.servers.{s}.enabled=false" for s in servers])


def describe_jvm(java):
    done = subprocess.run([java, "-version"], capture_output=True, text=True)
    lines = done.stderr.strip().splitlines()
    return lines[1] if len(lines) > 1 else (lines or ["?"])[0]


def median(values):
    return statistics.median(values) if values else float("nan")


def report(args, cpu, meta, rounds):
    """The table as Markdown; returns (text, rows, all_passed)."""
    pipelines = [int(x) for x in args.pipelines.split(",")]
    rows = []
    for pipeline in pipelines:
        for line in LINES:
            ngi = [r["ngi"].get((pipeline, line)) for r in rounds]
            red = [r["redis"].get((pipeline, line)) for r in rounds]
            ratios = [n / r for n, r in zip(ngi, red) if n and r]
            busy = [n / r for n, r, rd in zip(ngi, red, rounds) if n and r
                    and min(rd["client"].get((k, pipeline, line), 0) for k in ("ngi", "redis")) >= args.busy_client]
            test = "ping" if line.startswith("PING") else line.lower()
            ngi_cpu = median([c for c in cpu["ngi"].get((pipeline, test), [])])
            red_cpu = median([c for c in cpu["redis"].get((pipeline, test), [])])
            rows.append({
                "pipeline": pipeline, "line": line,
                "ngi": median([x for x in ngi if x]), "redis": median([x for x in red if x]),
                "ratio": median(ratios), "ratios": ratios, "busy_ratio": median(busy), "busy_pairs": len(busy),
                "ngi_cpu_us": ngi_cpu, "redis_cpu_us": red_cpu,
                "ngi_cpu_rounds": cpu["ngi"].get((pipeline, test), []),
                "redis_cpu_rounds": cpu["redis"].get((pipeline, test), []),
                "passed": bool(ratios) and median(ratios) >= args.target,
            })
    out = io.StringIO()
    out.write(f"# redis-benchmark: NGI kv vs redis-server ({meta['started']})\n\n")
    for key in ("command", "machine", "java", "redis", "pinning", "load"):
        out.write(f"- {key}: {meta[key]}\n")
    out.write(f"- rounds: {len(rounds)}, -c {args.clients}, -n {args.requests} at -P 1 and "
              f"{args.pipelined_requests} pipelined, order alternating (round 1: NGI first)\n\n")
    out.write("| -P | test | NGI req/s | Redis req/s | NGI/Redis (median of rounds) | rounds | "
              f"ratio, pairs with client CPU >= {args.busy_client:.0f}% | server CPU us/req NGI vs Redis | "
              f"CPU ratio Redis/NGI | >= {args.target}x |\n")
    out.write("|---:|---|---:|---:|---:|---|---:|---:|---:|---|\n")
    for row in rows:
        rounds_text = ", ".join(f"{r:.2f}" for r in row["ratios"])
        busy_text = f"{row['busy_ratio']:.2f}x" if row["busy_pairs"] else "n/a"
        cpu_text = f"{row['ngi_cpu_us']:.2f} vs {row['redis_cpu_us']:.2f}"
        if row["line"].startswith("PING"):
            cpu_text += " (both PINGs)"
        out.write(f"| {row['pipeline']} | {row['line']} | {row['ngi']:,.0f} | {row['redis']:,.0f} | "
                  f"{row['ratio']:.2f}x | {rounds_text} | {busy_text} ({row['busy_pairs']}) | {cpu_text} | {row['redis_cpu_us'] / row['ngi_cpu_us']:.2f}x | "
                  f"{'yes' if row['passed'] else 'NO'} |\n")
    out.write("\nServer CPU per request: the server process's user+system CPU time (/proc/<pid>/stat, all "
              "threads) over one redis-benchmark invocation, divided by its requests (median of rounds); the "
              "CPU ratio Redis/NGI above 1 means NGI spends less CPU per request (what each server could "
              "serve if the client were not the limit). Pass/fail is on the req/s ratio, as the target says.\n")
    return out.getvalue(), rows, all(r["passed"] for r in rows)


def svg_chart(rows, target, title):
    """Grouped bars, one panel per -P (each with its own scale), ratio above each pair."""
    panels = sorted({r["pipeline"] for r in rows})
    panel_w, panel_h, top, left, bottom = 430, 300, 60, 70, 70
    width = left + len(panels) * panel_w + 20
    height = top + panel_h + bottom
    colours = {"ngi": "#2b6cb0", "redis": "#c53030"}
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
         f'font-family="sans-serif" font-size="12">',
         f'<rect width="{width}" height="{height}" fill="white"/>',
         f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">{title}</text>',
         f'<rect x="{left}" y="32" width="12" height="12" fill="{colours["ngi"]}"/>'
         f'<text x="{left + 16}" y="43">NGI kv</text>',
         f'<rect x="{left + 80}" y="32" width="12" height="12" fill="{colours["redis"]}"/>'
         f'<text x="{left + 96}" y="43">redis-server</text>',
         f'<text x="{left + 200}" y="43" font-size="11">bars: median req/s of each server; above: median of the rounds\' '
         f'NGI/Redis ratios (target {target}x; red = below)</text>']
    for i, pipeline in enumerate(panels):
        x0 = left + i * panel_w
        prow = [r for r in rows if r["pipeline"] == pipeline]
        peak = max(max(r["ngi"], r["redis"]) for r in prow)
        step = 10 ** len(str(int(peak))) / 10
        while peak / step < 3:
            step /= 2
        scale_max = (int(peak / step) + 1) * step
        y = lambda v: top + panel_h - v / scale_max * panel_h  # noqa: E731
        tick = 0.0
        while tick <= scale_max + 1e-9:
            s.append(f'<line x1="{x0}" x2="{x0 + panel_w - 30}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                     f'stroke="#ddd"/>')
            s.append(f'<text x="{x0 - 4}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick / 1000:,.0f}k</text>')
            tick += step
        group_w = (panel_w - 40) / len(prow)
        for j, r in enumerate(prow):
            gx = x0 + 10 + j * group_w
            bw = group_w * 0.36
            for k, who in enumerate(("ngi", "redis")):
                bx = gx + k * bw + group_w * 0.1
                s.append(f'<rect x="{bx:.1f}" y="{y(r[who]):.1f}" width="{bw:.1f}" '
                         f'height="{top + panel_h - y(r[who]):.1f}" fill="{colours[who]}"/>')
            colour = "black" if r["passed"] else "#c53030"
            s.append(f'<text x="{gx + group_w * 0.46:.1f}" y="{y(max(r["ngi"], r["redis"])) - 5:.1f}" '
                     f'text-anchor="middle" fill="{colour}">{r["ratio"]:.2f}x</text>')
            s.append(f'<text x="{gx + group_w * 0.46:.1f}" y="{top + panel_h + 16}" text-anchor="middle" '
                     f'font-size="11">{r["line"]}</text>')
        s.append(f'<text x="{x0 + (panel_w - 30) / 2}" y="{top + panel_h + 40}" text-anchor="middle" '
                 f'font-size="13">-P {pipeline} (requests/s)</text>')
    s.append("</svg>")
    return "\n".join(s) + "\n"


def compare(args, java, jar, pin_server, pin_client, meta):
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="kv-vs-redis-")
    redis_port, kv_port = free_port(), free_port()
    while kv_port == redis_port:
        kv_port = free_port()
    servers = {
        "redis": Server("redis-server", pin_server + [args.redis_server, "--port", str(redis_port), "--bind",
                        "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", work],
                        redis_port, os.path.join(work, "redis-server.out"), args.start_timeout),
        "ngi": Server("NGI kv", pin_server + kv_argv(args, java, jar, kv_port), kv_port,
                      os.path.join(work, "kv.out"), args.start_timeout),
    }
    pipelines = [int(x) for x in args.pipelines.split(",")]
    rounds = []
    cpu = {"ngi": {}, "redis": {}}
    client_cpu = {}
    try:
        for key in ("redis", "ngi"):
            print(f"starting {servers[key].name}: {' '.join(servers[key].argv)}", flush=True)
            servers[key].start()
        print(f"both answer PING (redis-server :{redis_port}, kv :{kv_port}); logs in {work}", flush=True)
        if args.warmup_requests > 0:
            for key in ("ngi", "redis"):
                for test in TESTS:
                    run_benchmark(args, pin_client, servers[key].port, test, 16, args.warmup_requests)
            print(f"warm-up done ({args.warmup_requests} requests of each test at -P 16 to each server)", flush=True)
        for n in range(args.rounds):
            order = ("ngi", "redis") if n % 2 == 0 else ("redis", "ngi")
            result = {"ngi": {}, "redis": {}, "client": {}, "load_before": load_average()}
            # Each line runs on both servers back to back (first server alternating by round), so a
            # burst of other load on the machine hits both halves of a pair rather than one server.
            for pipeline in pipelines:
                requests = args.requests if pipeline == 1 else args.pipelined_requests
                for test in TESTS:
                    for key in order:
                        server = servers[key]
                        before = cpu_seconds(server.pid)
                        rates, client = run_benchmark(args, pin_client, server.port, test, pipeline, requests)
                        used = cpu_seconds(server.pid) - before
                        per_request = used * 1e6 / (requests * len(rates))
                        cpu[key].setdefault((pipeline, test), []).append(per_request)
                        client_cpu.setdefault((key, pipeline, test), []).append(client * 100)
                        for line, rate in rates.items():
                            result[key][(pipeline, line)] = rate
                            result["client"][(key, pipeline, line)] = client * 100
                        print(f"round {n + 1} {server.name:12} -P {pipeline:<2} {test:4} "
                              + "  ".join(f"{line} {rate:>11,.0f}/s" for line, rate in rates.items())
                              + f"  server cpu {per_request:.2f} us/req, client cpu {client * 100:.0f}%", flush=True)
            result["load_after"] = load_average()
            result["rss_mib"] = {key: rss_mib(servers[key].pid) for key in servers}
            print(f"round {n + 1}: load average {result['load_before']} -> {result['load_after']}; RSS NGI "
                  f"{result['rss_mib']['ngi']:.0f} MiB, Redis {result['rss_mib']['redis']:.0f} MiB", flush=True)
            rounds.append(result)
    finally:
        for server in servers.values():
            server.stop()
    meta["load"] += f"; after: {load_average()} (per round: " + ", ".join(
        f"{r['load_before']} -> {r['load_after']}" for r in rounds) + ")"
    text, rows, passed = report(args, cpu, meta, rounds)
    text += ("\nredis-benchmark's own CPU (user+system over wall time, percent of one core; median of rounds; "
             "near 100% the client, not the server, sets the rate):\n\n| -P | test | against NGI | against Redis |\n"
             "|---:|---|---:|---:|\n")
    for pipeline in [int(x) for x in args.pipelines.split(",")]:
        for test in TESTS:
            text += (f"| {pipeline} | {test} | {median(client_cpu.get(('ngi', pipeline, test), [])):.0f}% | "
                     f"{median(client_cpu.get(('redis', pipeline, test), [])):.0f}% |\n")
    print()
    print(text)
    base = os.path.join(args.out, args.name)
    with open(base + ".md", "w") as f:
        f.write(text)
        f.write(f"\nChart: [{args.name}.svg]({args.name}.svg)\n")
    with open(base + ".svg", "w") as f:
        f.write(svg_chart(rows, args.target, f"redis-benchmark -c {args.clients}: NGI kv vs redis-server "
                          f"({meta['started'][:10]}, median of {len(rounds)} rounds)"))
    with open(base + ".json", "w") as f:
        json.dump({"meta": meta, "rows": rows, "rounds": [
            {"load_before": r["load_before"], "load_after": r["load_after"], "rss_mib": r["rss_mib"],
             **{k: {f"P{p} {line}": v for (p, line), v in r[k].items()} for k in ("ngi", "redis")},
             "client_cpu": {f"{k} P{p} {line}": v for (k, p, line), v in r["client"].items()}}
            for r in rounds]}, f, indent=1)
    print(f"wrote {base}.md, {base}.svg, {base}.json")
    return 0 if passed else 1


def profile(args, java, jar, pin_server, pin_client):
    jfr_tool = args.jfr or os.path.join(os.path.dirname(os.path.realpath(shutil.which(java) or java)), "jfr")
    work = tempfile.mkdtemp(prefix="kv-profile-")
    port = free_port()
    recording = os.path.abspath(args.profile)
    server = Server("NGI kv", pin_server + kv_argv(args, java, jar, port, [
        f"-XX:StartFlightRecording=filename={recording},settings=profile,dumponexit=true{args.jfr_options}"]), port,
        os.path.join(work, "kv.out"), args.start_timeout)
    try:
        server.start()
        for test in ("set", "get"):
            run_benchmark(args, pin_client, port, test, 16, args.warmup_requests)
        deadline = time.monotonic() + args.profile_seconds
        while time.monotonic() < deadline:
            for test in ("set", "get"):
                rates, _ = run_benchmark(args, pin_client, port, test, 16, args.pipelined_requests)
                print(f"profile load -P 16 {test}: " + ", ".join(f"{k} {v:,.0f}/s" for k, v in rates.items()),
                      flush=True)
    finally:
        server.stop()  # SIGTERM: dumponexit writes the recording
    print(f"recording: {recording}")
    summarise(jfr_tool, recording)
    return 0


def summarise(jfr_tool, recording, top=25):
    for event_type in ("jdk.ExecutionSample", "jdk.NativeMethodSample", "jdk.CPUTimeSample"):
        summarise_events(jfr_tool, recording, event_type, top)


def summarise_events(jfr_tool, recording, event_type, top):
    done = subprocess.run([jfr_tool, "print", "--json", "--stack-depth", "64", "--events", event_type,
                           recording], capture_output=True, text=True)
    if done.returncode != 0:
        raise HarnessError(f"{jfr_tool} print failed: {done.stderr.strip()}")
    events = json.loads(done.stdout)["recording"]["events"]
    if not events:
        return
    self_time, inclusive, packages, threads = Counter(), Counter(), Counter(), Counter()
    total = 0
    for event in events:
        frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
        values = event["values"]
        thread = (values.get("sampledThread") or values.get("eventThread") or {}).get("javaName") or "?"
        threads[thread] += 1
        if not thread.startswith("ngi-loop") or not frames:
            continue
        total += 1
        names = [f"{f['method']['type']['name']}.{f['method']['name']}".replace("/", ".") for f in frames]
        names = [n.split("$$Lambda")[0] + "$$Lambda" if "$$Lambda" in n else n for n in names]
        self_time[names[0]] += 1
        packages[names[0].rsplit(".", 2)[0]] += 1
        for name in set(names):
            inclusive[name] += 1
    print(f"\n== {event_type}: {len(events)} samples, {total} on the NGI loop thread (percentages of those)")
    if total == 0:
        return
    print("\nthreads (samples):")
    for name, count in threads.most_common(8):
        print(f"  {count:6}  {name}")
    print("\ntop frames (self):")
    for name, count in self_time.most_common(top):
        print(f"  {count * 100 / total:5.1f}%  {name}")
    print("\nclasses of the top frame:")
    for name, count in packages.most_common(15):
        print(f"  {count * 100 / total:5.1f}%  {name}")
    print("\ninclusive (the method anywhere on the stack), NGI and kv methods and a few JDK ones:")
    shown = 0
    for name, count in inclusive.most_common():
        if name.startswith(("io.ngi", "sun.nio", "java.nio", "java.util", "java.lang")):
            print(f"  {count * 100 / total:5.1f}%  {name}")
            shown += 1
            if shown == 40:
                break


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main():
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)
    args = parse_args()
    if args.redraw:
        with open(args.redraw) as f:
            data = json.load(f)
        rounds = len(data["rounds"])
        svg = os.path.splitext(args.redraw)[0] + ".svg"
        with open(svg, "w") as f:
            f.write(svg_chart(data["rows"], args.target, f"redis-benchmark -c {args.clients}: NGI kv vs redis-server "
                              f"({data['meta']['started'][:10]}, median of {rounds} rounds)"))
        print(f"wrote {svg}")
        return 0
    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    try:
        args.redis_server = args.redis_server or require("redis-server", "redis-server")
        args.redis_benchmark = args.redis_benchmark or require("redis-benchmark", "redis-tools")
        java = shutil.which(args.java) or args.java
        if not os.path.exists(java):
            raise HarnessError(f"java not found: {args.java} (set JAVA_HOME or --java)")
        jar = find_jar(args.jar)
        pin_server, pin_client = [], []
        if args.pin == "on":
            taskset = require("taskset", "util-linux")
            pin_server = [taskset, "-c", args.server_cpu]
            pin_client = [taskset, "-c", args.client_cpu]
        if args.profile:
            return profile(args, java, jar, pin_server, pin_client)
        redis_version = subprocess.run([args.redis_server, "--version"], capture_output=True,
                                       text=True).stdout.strip()
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "?")
        meta = {
            "started": started,
            "command": "python3 " + " ".join(sys.argv),
            "machine": f"{os.cpu_count()} CPUs, {model}, {os.uname().sysname} {os.uname().release}",
            "java": f"{describe_jvm(java)}; {args.jvm_args}; jar {jar}",
            "redis": redis_version,
            "pinning": (f"servers on CPU {args.server_cpu}, redis-benchmark on CPU {args.client_cpu} (taskset)"
                        if pin_server else "none"),
            "load": f"load average before: {load_average()}",
        }
        return compare(args, java, jar, pin_server, pin_client, meta)
    except HarnessError as ex:
        print(f"kv-vs-redis: {ex}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kv-vs-redis: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
