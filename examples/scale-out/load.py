#!/usr/bin/python3
"""Load for the scale-out example: clients making short request/response connections.

Each client thread, until the stop file exists: connects, sends one line, reads the
answer (the sample's echo server upper-cases it), checks it, and closes. Prints one
summary line: requests, failures (a connect, send or read that failed, or an answer
cut short), wrong answers, and the longest request time.
"""
import argparse
import sys
import os
import socket
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--clients", type=int, default=50)
parser.add_argument("--stop-file", required=True)
parser.add_argument("--timeout", type=float, default=10.0)
args = parser.parse_args()

lock = threading.Lock()
totals = {"requests": 0, "failures": 0, "wrong": 0, "longest": 0.0}
first_errors = []


def client(number):
    sequence = 0
    while not os.path.exists(args.stop_file):
        sequence += 1
        line = "hello from client %d request %d" % (number, sequence)
        started = time.monotonic()
        failure = None
        answer = b""
        try:
            with socket.create_connection((args.host, args.port), timeout=args.timeout) as s:
                s.sendall(line.encode("ascii") + b"\n")
                while not answer.endswith(b"\n"):
                    piece = s.recv(256)
                    if not piece:
                        failure = "connection closed after %r" % answer
                        break
                    answer += piece
        except OSError as error:
            failure = repr(error)
        took = time.monotonic() - started
        with lock:
            totals["requests"] += 1
            totals["longest"] = max(totals["longest"], took)
            if failure is not None:
                totals["failures"] += 1
                if len(first_errors) < 10:
                    first_errors.append("%.3f %s" % (time.time(), failure))
            elif answer != line.upper().encode("ascii") + b"\n":
                totals["wrong"] += 1
                if len(first_errors) < 10:
                    first_errors.append("wrong answer %r to %r" % (answer, line))


threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(args.clients)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for error in first_errors:
    print("load: " + error)
print("load: %d clients, %d requests, %d failures, %d wrong answers, longest request %.0f ms"
      % (args.clients, totals["requests"], totals["failures"], totals["wrong"], totals["longest"] * 1000))
sys.exit(1 if totals["failures"] or totals["wrong"] else 0)
