/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The {@code compare} command: runs every server in turn under the same load, alternating
 * the order each round, each server in its own JVM, and reports the results with ratios
 * to Netty.
 */
final class Compare {

	private final CompareOptions options;

	private final PrintStream log;

	private @Nullable ClientTls clientTls;

	Compare(CompareOptions options, PrintStream log) {
		this.options = options;
		this.log = log;
	}

	List<RunResult> run() throws Exception {
		List<RunResult> results = new ArrayList<>();
		List<ServerKind> servers = this.options.servers();
		this.log.printf(Locale.ROOT, "compare: %s on %s%s, %d round(s), %s%n", servers, this.options.modes(),
				this.options.tls() ? " over TLS" : "", this.options.rounds(), this.options.load());
		if (this.options.freshServerPerMode()) {
			for (Mode mode : this.options.modes()) {
				for (int round = 1; round <= this.options.rounds(); round++) {
					for (ServerKind server : rotated(servers, round)) {
						if (supports(server, mode, this.options.tls())) {
							try (ServerProcess process = ServerProcess.start(server, this.options.serverJvmArgs(),
									this.options.tls())) {
								results.add(report(runOne(process, server, mode, round)));
							}
						}
					}
				}
			}
		}
		else {
			for (int round = 1; round <= this.options.rounds(); round++) {
				for (ServerKind server : rotated(servers, round)) {
					try (ServerProcess process = ServerProcess.start(server, this.options.serverJvmArgs(),
							this.options.tls())) {
						for (Mode mode : this.options.modes()) {
							if (supports(server, mode, this.options.tls())) {
								results.add(report(runOne(process, server, mode, round)));
							}
						}
					}
				}
			}
		}
		return results;
	}

	static boolean supports(ServerKind server, Mode mode) {
		return mode != Mode.UDP || server.hasUdp();
	}

	static boolean supports(ServerKind server, Mode mode, boolean tls) {
		return supports(server, mode) && (!tls || (server.hasTls() && mode.hasTls()));
	}

	private static List<ServerKind> rotated(List<ServerKind> servers, int round) {
		List<ServerKind> order = new ArrayList<>(servers.size());
		for (int i = 0; i < servers.size(); i++) {
			order.add(servers.get((i + round - 1) % servers.size()));
		}
		return order;
	}

	private RunResult report(RunResult result) {
		Measurement m = result.measurement();
		if (result.mode() == Mode.IDLE) {
			this.log.printf(Locale.ROOT, "  %-6s round %d %-16s %,d connections, heap/conn %,d B, RSS %.0f MB%n",
					result.mode().id(), result.round(), result.server().id(), m.messages(), result.heapPerConnection(),
					result.rssBytes() / 1e6);
		}
		else {
			this.log.printf(Locale.ROOT,
					"  %-6s round %d %-16s %,10.1f %s/s  p50 %7.1f us  p99 %7.1f us  p99.9 %8.1f us  cpu %5.1f%%  client cpu %5.1f%%  RSS %5.0f MB%s%s%n",
					result.mode().id(), result.round(), result.server().id(), result.rate() / result.mode().unitSize(),
					result.mode().unit(), m.p50Micros(), m.p99Micros(), m.p999Micros(), result.cpuPercent(),
					m.clientCpuPercent(), result.rssBytes() / 1e6, (m.lost() > 0) ? "  lost " + m.lost() : "",
					m.tls().isEmpty() ? "" : "  " + m.tls());
		}
		return result;
	}

	private RunResult runOne(ServerProcess process, ServerKind server, Mode mode, int round) throws Exception {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		LoadSpec load = this.options.load();
		CpuProbe probe = new CpuProbe(process);
		Measurement measurement;
		long heapPerConnection = 0;
		InetSocketAddress tcp = new InetSocketAddress(loopback, process.tcpPort());
		ClientTls tls = this.options.tls() ? clientTls() : null;
		switch (mode) {
			case TCP -> measurement = LoadClient.tcpEcho(tcp, load, probe, tls);
			case BULK -> measurement = LoadClient.bulk(tcp, load, probe, tls);
			case HANDSHAKE -> measurement = LoadClient.handshakes(tcp, load, probe, tls);
			case UDP ->
				measurement = LoadClient.udpEcho(new InetSocketAddress(loopback, process.udpPort()), load, probe);
			case FLOOD ->
				measurement = LoadClient.tcpFlood(new InetSocketAddress(loopback, process.tcpPort()), load, probe);
			case IDLE -> {
				long before = process.heapAfterGc();
				long[] after = new long[1];
				long startedAt = System.nanoTime();
				LoadClient.idle(new InetSocketAddress(loopback, process.tcpPort()), load, () -> {
					after[0] = process.heapAfterGc();
					probe.end();
				});
				heapPerConnection = (after[0] - before) / load.idleConnections();
				measurement = new Measurement(load.idleConnections(), (System.nanoTime() - startedAt) / 1e9, Double.NaN,
						Double.NaN, Double.NaN, 0, "", Double.NaN);
			}
			default -> throw new IllegalStateException("unknown mode " + mode);
		}
		return new RunResult(mode, server, round, measurement, probe.cpuPercent(), probe.rssBytes,
				process.memory("VmHWM"), heapPerConnection);
	}

	/** One client context for all runs: it resumes no sessions (see {@link TlsLink}). */
	private ClientTls clientTls() {
		ClientTls tls = this.clientTls;
		if (tls == null) {
			tls = new ClientTls(BenchTls.client(), this.options.tlsCipherSuites());
			this.clientTls = tls;
		}
		return tls;
	}

	/**
	 * Reads the server's CPU time when measuring starts and ends, and its RSS at the end.
	 */
	private static final class CpuProbe implements Probe {

		private final ServerProcess process;

		private double cpuAtStart;

		private long startedAt;

		private double cpuPercent;

		long rssBytes;

		CpuProbe(ServerProcess process) {
			this.process = process;
		}

		@Override
		public void start() {
			this.cpuAtStart = this.process.cpuSeconds();
			this.startedAt = System.nanoTime();
		}

		@Override
		public void end() {
			double seconds = (System.nanoTime() - this.startedAt) / 1e9;
			this.cpuPercent = (this.startedAt == 0) ? Double.NaN
					: (this.process.cpuSeconds() - this.cpuAtStart) / seconds * 100;
			this.rssBytes = this.process.memory("VmRSS");
		}

		double cpuPercent() {
			return this.cpuPercent;
		}

	}

	static void main(String... args) throws Exception {
		CompareOptions options = CompareOptions.parse(args);
		List<RunResult> results = new Compare(options, System.out).run();
		Report report = new Report(options, results);
		System.out.println();
		System.out.println(report.markdown());
		try {
			report.write();
			System.out.println("results written to " + options.outputDirectory().toAbsolutePath());
		}
		catch (IOException ex) {
			System.err.println("writing results to " + options.outputDirectory() + " failed: " + ex);
		}
	}

}
