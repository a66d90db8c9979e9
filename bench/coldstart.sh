#!/usr/bin/env bash
# Cold start: from starting the process to the first complete response, the site's first article against a
# bare `dotnet new web` app's page (bench/BareStart). Goal: the site at most 2x the bare app. A benchmark,
# not a test; it never fails on the goal.
#
#   bench/coldstart.sh                 # 5 alternating starts of each, after one unmeasured warm-up of each
#   RUNS=9 bench/coldstart.sh
#   SKIP_PUBLISH=1 bench/coldstart.sh  # measure what was published last time
#   JIT=1 bench/coldstart.sh           # also the site published without ReadyToRun ("site-jit"), for its share
#   COMPOSITE=1 bench/coldstart.sh     # also the site published -p:SelfContainedComposite=true ("site-composite",
#                                      # started through its own executable, as docs/operations.md deploys it)
#
# Each start gets a port that is free at that moment, so another benchmark on the machine (or a port still
# in TIME_WAIT) can never answer in its place.
#
# Both are published Release (the site exactly as docs/operations.md deploys it) into bench/out/coldstart/
# (git-ignored) and started as `dotnet X.dll` with ASPNETCORE_ENVIRONMENT=Production on 127.0.0.1, each
# start a fresh process with a fresh temporary folder for the site's SQLite database and Data Protection
# keys (so every start of the site also creates and migrates its database and makes its first key: the
# slowest case, a first deployment). The site's mail goes to 127.0.0.1 without TLS (allowed for loopback);
# nothing is sent. The site's request carries X-Forwarded-Proto: https, as nginx on the same host sends it
# (loopback is a trusted proxy), so Production answers the article instead of its 308 to HTTPS.
#
# The clock starts just before the process is spawned and stops when the response has been read to its
# end (Connection: close); the port is tried every 2 ms until it accepts. "listening" is when the port first
# accepted a connection (every hosted service started, Kestrel bound), "first response" adds the first
# request (routing, the controller, the Razor view, all compiled on first use).
# Any other environment variables given to this script (DOTNET_TieredPGO=0, say) reach both processes.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
runs=${RUNS:-5}
out="$PWD/bench/out/coldstart"
site="$out/site"
bare="$out/bare"

if [ -z "${SKIP_PUBLISH:-}" ]; then
    echo "Publishing the site and the bare app (Release) to $out ..." >&2
    rm -rf "$site" "$bare"
    dotnet publish src/AbovePT.Web -c Release -o "$site" --nologo -v quiet >&2
    dotnet publish bench/BareStart -c Release -o "$bare" --nologo -v quiet >&2
    if [ -n "${JIT:-}" ]; then
        dotnet publish src/AbovePT.Web -c Release -o "$out/site-jit" -p:PublishReadyToRun=false --nologo -v quiet >&2
    fi
    if [ -n "${COMPOSITE:-}" ]; then
        rm -rf "$out/site-composite"
        dotnet publish src/AbovePT.Web -c Release -o "$out/site-composite" -p:SelfContainedComposite=true --nologo -v quiet >&2
    fi
fi

mkdir -p "$out"
python3 - "$site" "$bare" "$runs" "$out" "${JIT:-}" "${COMPOSITE:-}" <<'PY'
import os, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

site, bare, runs, out, jit, composite = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
article = "/articles/knee-pain-after-running"

def site_env(data):
    return {
        "ConnectionStrings__Clinic": f"Data Source={data}/clinic.db",
        "DataProtection__KeysPath": f"{data}/keys",
        "Mail__Delivery": "Smtp",
        "Mail__Host": "127.0.0.1",
        "Mail__Port": "2525",
        "Mail__Security": "None",
    }

targets = {
    "site": (site, "AbovePT.Web.dll", article, site_env),
    "bare": (bare, "BareStart.dll", "/", lambda data: {}),
}
if jit:
    targets["site-jit"] = (os.path.join(out, "site-jit"), "AbovePT.Web.dll", article, site_env)
if composite:
    # Self-contained: its own executable, not the machine's dotnet.
    targets["site-composite"] = (os.path.join(out, "site-composite"), "./AbovePT.Web", article, site_env)

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def request(port, path):
    """One complete response, or None while nothing listens yet."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            listening = time.perf_counter_ns()
            s.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                       "X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n").encode())
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
            return listening, b"".join(chunks)
    except (ConnectionRefusedError, ConnectionResetError):
        return None

def cold_start(name):
    folder, dll, path, extra = targets[name]
    data = tempfile.mkdtemp(prefix=f"abovept-coldstart-{name}-")
    port = free_port()
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production",
               ASPNETCORE_URLS=f"http://127.0.0.1:{port}", **extra(data))
    with open(os.path.join(out, f"{name}.log"), "ab") as log:
        start = time.perf_counter_ns()
        command = ["dotnet", dll] if dll.endswith(".dll") else [os.path.join(folder, dll)]
        process = subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=log)
        try:
            while (answer := request(port, path)) is None:
                if process.poll() is not None:
                    sys.exit(f"{name} exited with {process.returncode} before answering; see {out}/{name}.log")
                if time.perf_counter_ns() - start > 60e9:
                    sys.exit(f"{name} did not answer within 60 s")
                time.sleep(0.002)
            done = time.perf_counter_ns()
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            shutil.rmtree(data, ignore_errors=True)
    listening, response = answer
    status = response.split(b" ", 2)[1].decode()
    if status != "200":
        sys.exit(f"{name} answered {path} with {status}, not 200")
    return (listening - start) / 1e6, (done - start) / 1e6

# One unmeasured start of each first: the files are then in the page cache for every measured start.
for name in targets:
    cold_start(name)
results = {name: [] for name in targets}
for round in range(1, runs + 1):
    line = [f"round {round}:"]
    for name in targets:
        listening, first = cold_start(name)
        results[name].append((listening, first))
        line.append(f"{name} listening {listening:6.0f} ms, first response {first:6.0f} ms;")
    print(" ".join(line), file=sys.stderr)

def median(name, i):
    return statistics.median(r[i] for r in results[name])

load = open("/proc/loadavg").read().split()[:3]
print()
print(f"cold start to first complete response, median of {runs} alternating starts, {os.cpu_count()} cores, "
      f"load average {' '.join(load)}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
for name in targets:
    what = "/ (bench/BareStart)" if name == "bare" else article + {
        "site-jit": " (no ReadyToRun)", "site-composite": " (self-contained composite)"}.get(name, "")
    print(f"{name}  {what}: listening {median(name, 0):.0f} ms, first response {median(name, 1):.0f} ms")
print(f"ratio site/bare: {median('site', 1) / median('bare', 1):.2f} (goal <= 2)")
if composite:
    print(f"ratio site-composite/bare: {median('site-composite', 1) / median('bare', 1):.2f} (goal <= 2)")
PY
