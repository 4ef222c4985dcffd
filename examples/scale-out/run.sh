#!/usr/bin/env bash
# A rolling restart of two NGI sample app instances behind HAProxy, under load.
#
# Starts two instances of the sample app on loopback (echo listener only, PROXY protocol
# required), HAProxy in front of them (haproxy.cfg), 50 clients making short
# request/response connections through HAProxy (load.py), then restarts each instance in
# turn: SIGTERM, wait for it to exit, start it again, wait until HAProxy has it UP. Prints
# the requests, failures, wrong answers and the longest request; exits 1 if any request
# failed or was answered wrongly. Everything it started is stopped on exit.
#
#   bash examples/scale-out/run.sh
#
# Environment: CLIENTS (50), ROUNDS (restarts of each instance, 1), SETTLE (seconds of load
# before and after the restarts, 3), BASE_PORT (17000: HAProxy's frontend; the instances
# use BASE_PORT+1 and +2, their management ports BASE_PORT+1081 and +1082), JAVA (java),
# KEEP_LOGS (set: keep the instances' and HAProxy's logs, and say where).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "${here}/../.." && pwd)"
jar="${root}/ngi-sample-app/target/ngi-sample-app.jar"
java="${JAVA:-java}"
haproxy="$(command -v haproxy || echo /usr/sbin/haproxy)"
clients="${CLIENTS:-50}"
rounds="${ROUNDS:-1}"
settle="${SETTLE:-3}"
base="${BASE_PORT:-17000}"

export NGI_RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ngi-scale-out.XXXXXX")"
export NGI_FRONTEND_PORT="${base}"
export NGI_APP1_PORT=$((base + 1)) NGI_APP2_PORT=$((base + 2))
export NGI_APP1_MANAGEMENT_PORT=$((base + 1081)) NGI_APP2_MANAGEMENT_PORT=$((base + 1082))

declare -A pids=()

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	for name in "${!pids[@]}"; do
		kill -TERM "${pids[${name}]}" 2>/dev/null || true
	done
	for name in "${!pids[@]}"; do
		wait "${pids[${name}]}" 2>/dev/null || true
	done
	if [ -n "${KEEP_LOGS:-}" ]; then
		echo "run.sh: logs kept in ${NGI_RUN_DIR}"
	else
		rm -rf "${NGI_RUN_DIR}"
	fi
	exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() {
	printf '%s run.sh: %s\n' "$(date +%T.%3N)" "$*"
}

[ -x "${haproxy}" ] || { echo "run.sh: haproxy is not installed (Debian: apt-get install haproxy)" >&2; exit 2; }
for port in "${NGI_FRONTEND_PORT}" "${NGI_APP1_PORT}" "${NGI_APP2_PORT}" "${NGI_APP1_MANAGEMENT_PORT}" "${NGI_APP2_MANAGEMENT_PORT}"; do
	if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
		echo "run.sh: port ${port} is in use; set BASE_PORT to use others" >&2
		exit 2
	fi
done
if [ ! -f "${jar}" ]; then
	say "building the sample app"
	(cd "${root}" && ./mvnw -B -q -pl ngi-sample-app -am package -DskipTests)
fi

# Starts instance $1 (1 or 2) in the background.
start_instance() {
	local n=$1 port management
	port="NGI_APP${n}_PORT"
	management="NGI_APP${n}_MANAGEMENT_PORT"
	"${java}" -Xmx256m -XX:+UseSerialGC -jar "${jar}" \
		--ngi.servers.echo.address="127.0.0.1:${!port}" \
		--ngi.servers.echo.proxy-protocol=required \
		--ngi.shutdown-delay=2s \
		--ngi.servers.echo-tls.enabled=false --ngi.servers.wc.enabled=false \
		--ngi.servers.wc-sized.enabled=false --ngi.servers.udp.enabled=false \
		--server.port="${!management}" \
		>>"${NGI_RUN_DIR}/app${n}.log" 2>&1 &
	pids[app${n}]=$!
	say "app${n} started (pid ${pids[app${n}]}, echo on ${!port}, health on ${!management})"
}

# One command on HAProxy's stats socket.
haproxy_command() {
	/usr/bin/python3 - "$1" <<-'PY'
	import socket, sys, os
	s = socket.socket(socket.AF_UNIX)
	s.connect(os.environ["NGI_RUN_DIR"] + "/haproxy.sock")
	s.sendall(sys.argv[1].encode() + b"\n")
	print(s.makefile().read(), end="")
	PY
}

# Waits (at most 60 s) until HAProxy reports server app$1 as $2 (UP or DOWN).
wait_haproxy() {
	local n=$1 state=$2 deadline=$((SECONDS + 60))
	until haproxy_command "show stat" | awk -F, -v s="app${n}" -v want="${state}" '$1 == "echo" && $2 == s && $18 == want { found = 1 } END { exit !found }'; do
		if ((SECONDS > deadline)); then
			echo "run.sh: app${n} not ${state} in HAProxy after 60 s; its log:" >&2
			tail -n 30 "${NGI_RUN_DIR}/app${n}.log" >&2
			exit 1
		fi
		sleep 0.1
	done
	say "HAProxy has app${n} ${state}"
}

start_instance 1
start_instance 2
"${haproxy}" -f "${here}/haproxy.cfg" -db >"${NGI_RUN_DIR}/haproxy.log" 2>&1 &
pids[haproxy]=$!
say "haproxy started (pid ${pids[haproxy]}, frontend 127.0.0.1:${NGI_FRONTEND_PORT})"
until [ -S "${NGI_RUN_DIR}/haproxy.sock" ]; do sleep 0.1; done
wait_haproxy 1 UP
wait_haproxy 2 UP

/usr/bin/python3 "${here}/load.py" --port "${NGI_FRONTEND_PORT}" --clients "${clients}" \
	--stop-file "${NGI_RUN_DIR}/stop" &
pids[load]=$!
say "${clients} clients running"
sleep "${settle}"

for ((round = 1; round <= rounds; round++)); do
	for n in 1 2; do
		say "app${n}: SIGTERM"
		kill -TERM "${pids[app${n}]}"
		wait "${pids[app${n}]}" || true
		unset "pids[app${n}]"
		say "app${n} exited"
		start_instance "${n}"
		until curl -fs "http://127.0.0.1:$((base + 1080 + n))/actuator/health/ngi" >/dev/null; do sleep 0.1; done
		say "app${n} health UP"
		wait_haproxy "${n}" UP
	done
done

sleep "${settle}"
touch "${NGI_RUN_DIR}/stop"
status=0
wait "${pids[load]}" || status=$?
unset "pids[load]"
say "HAProxy's server state changes:"
grep -E "^\[WARNING\].*Server echo/app[12] is" "${NGI_RUN_DIR}/haproxy.log" | sed 's/^/    /' || true
say "what HAProxy counted (per server: sessions, connection errors, retries, redispatches):"
haproxy_command "show stat" | awk -F, '$1 == "echo" && $2 != "FRONTEND" { printf "    %-8s sessions %s, connect errors %s, response errors %s, retries %s, redispatches %s\n", $2, $8, $14, $15, $16, $17 }'
exit "${status}"
