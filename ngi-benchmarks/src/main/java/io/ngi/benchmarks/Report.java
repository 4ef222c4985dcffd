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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Summarises the runs of a comparison: medians over rounds, ratios to the baseline
 * (Netty) paired per round, as a markdown table and an SVG chart.
 */
final class Report {

	private final CompareOptions options;

	private final List<RunResult> results;

	private final String environment;

	Report(CompareOptions options, List<RunResult> results) {
		this.options = options;
		this.results = results;
		this.environment = String.format(Locale.ROOT, "JDK %s (%s), %d CPUs, %s %s, %s", Runtime.version(),
				System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
				System.getProperty("os.name"), System.getProperty("os.version"),
				Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	/** The summary of one server in one mode. */
	record Row(ServerKind server, double rate, double ratio, double p50, double p99, double p999, double cpu,
			double cpuMicrosPerMessage, double rssMb, double peakRssMb, double heapPerConnection, long lost,
			double clientCpu) {
	}

	List<Row> rows(Mode mode) {
		List<Row> rows = new ArrayList<>();
		for (ServerKind server : this.options.servers()) {
			List<RunResult> runs = runs(mode, server);
			if (runs.isEmpty()) {
				continue;
			}
			double ratio = (mode == Mode.IDLE) ? pairedRatio(mode, server, (r) -> r.heapPerConnection())
					: pairedRatio(mode, server, RunResult::rate);
			rows.add(new Row(server, median(runs, RunResult::rate), ratio,
					median(runs, (r) -> r.measurement().p50Micros()), median(runs, (r) -> r.measurement().p99Micros()),
					median(runs, (r) -> r.measurement().p999Micros()), median(runs, RunResult::cpuPercent),
					median(runs, Report::cpuMicrosPerMessage), median(runs, (r) -> r.rssBytes() / 1e6),
					max(runs, (r) -> r.peakRssBytes() / 1e6), median(runs, (r) -> r.heapPerConnection()),
					runs.stream().mapToLong((r) -> r.measurement().lost()).sum(),
					median(runs, (r) -> r.measurement().clientCpuPercent())));
		}
		return rows;
	}

	/**
	 * Server CPU time per answered message: less sensitive than msg/s to other load on
	 * the machine, which steals time from the client and the server alike.
	 */
	private static double cpuMicrosPerMessage(RunResult run) {
		double rate = run.rate() / run.mode().unitSize();
		return (rate > 0) ? run.cpuPercent() / 100 / rate * 1e6 : Double.NaN;
	}

	private List<RunResult> runs(Mode mode, ServerKind server) {
		return this.results.stream().filter((r) -> r.mode() == mode && r.server() == server).toList();
	}

	private double pairedRatio(Mode mode, ServerKind server, ToDoubleFunction<RunResult> value) {
		ServerKind baseline = this.options.servers().get(0);
		List<Double> ratios = new ArrayList<>();
		for (RunResult run : runs(mode, server)) {
			for (RunResult base : runs(mode, baseline)) {
				if (base.round() == run.round() && value.applyAsDouble(base) != 0) {
					ratios.add(value.applyAsDouble(run) / value.applyAsDouble(base));
				}
			}
		}
		return median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
	}

	private static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
		return median(runs.stream().mapToDouble(value).toArray());
	}

	private static double max(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
		return runs.stream().mapToDouble(value).max().orElse(Double.NaN);
	}

	static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	String markdown() {
		LoadSpec load = this.options.load();
		String baseline = this.options.servers().get(0).id();
		StringBuilder out = new StringBuilder();
		out.append(this.options.tls() ? "# NGI echo comparison over TLS\n\n" : "# NGI echo comparison\n\n");
		out.append(this.environment).append(".  \n");
		out.append(String.format(Locale.ROOT,
				"Load: %d connections x %d message(s) of %d B in flight, %s warm-up + %s measured per run, "
						+ "%d round(s) alternating; flood window %d B per connection; idle: %,d connections. "
						+ "Each server runs in its own JVM%s. Figures are medians over rounds; "
						+ "ratios to %s are medians of per-round ratios.%n%n",
				load.connections(), load.window(), load.size(), load.warmup(), load.duration(), this.options.rounds(),
				load.floodWindowBytes(), load.idleConnections(), this.options.serverJvmArgs().isEmpty() ? ""
						: " (" + String.join(" ", this.options.serverJvmArgs()) + ")",
				baseline));
		if (this.options.tls()) {
			out.append(String.format(Locale.ROOT,
					"TLS: every server serves `server.p12` (ECDSA P-256) through the JDK's SSLEngine; the client "
							+ "(JDK SSLEngine, default protocols) trusts `trust.p12`, never resumes a session and offers "
							+ "%s. Bulk: %d connections x %,d B transfers. Handshakes: %d connections at once, each "
							+ "connect, handshake, one %d B echo, close.%n%n",
					this.options.tlsCipherSuites().isEmpty() ? "the JDK's default cipher suites"
							: "only " + String.join(", ", this.options.tlsCipherSuites()),
					load.bulkConnections(), load.bulkBytes(), load.handshakeConnections(), load.size()));
		}
		for (Mode mode : this.options.modes()) {
			List<Row> rows = rows(mode);
			if (rows.isEmpty()) {
				continue;
			}
			out.append("## ").append(mode.label()).append("\n\n");
			if (mode == Mode.IDLE) {
				out.append("| server | heap per connection (B) | vs ")
					.append(baseline)
					.append(" (lower is better) | RSS (MB) |\n|---|---:|---:|---:|\n");
				for (Row row : rows) {
					out.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2fx | %.0f |%n", row.server().label(),
							row.heapPerConnection(), row.ratio(), row.rssMb()));
				}
			}
			else {
				String unit = mode.unit();
				out.append("| server | ")
					.append(unit)
					.append("/s | vs ")
					.append(baseline)
					.append(" | p50 (us) | p99 (us) | p99.9 (us) | server CPU (%) | server CPU per ")
					.append(unit)
					.append(" (us) | client CPU (%) | RSS (MB)")
					.append(" | peak RSS (MB) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
				for (Row row : rows) {
					out.append(String.format(Locale.ROOT,
							"| %s | %,.0f | %.2fx | %s | %s | %s | %.0f | %.1f | %.0f | %.0f | %.0f |%n",
							row.server().label(), row.rate() / mode.unitSize(), row.ratio(), micros(row.p50()),
							micros(row.p99()), micros(row.p999()), row.cpu(), row.cpuMicrosPerMessage(),
							row.clientCpu(), row.rssMb(), row.peakRssMb()));
				}
				String negotiated = rows.stream()
					.map((row) -> row.server().id() + " " + negotiated(mode, row.server()))
					.filter((text) -> !text.endsWith(" "))
					.reduce((a, b) -> a + "; " + b)
					.orElse("");
				if (!negotiated.isEmpty()) {
					out.append("\nTLS agreed: ").append(negotiated).append('\n');
				}
				long lost = rows.stream().mapToLong(Row::lost).sum();
				if (lost > 0) {
					out.append("\nUDP datagrams given up as lost (all rounds): ");
					rows.forEach((row) -> out.append(row.server().id()).append(' ').append(row.lost()).append("; "));
					out.append('\n');
				}
			}
			out.append('\n');
		}
		return out.toString();
	}

	private String negotiated(Mode mode, ServerKind server) {
		return runs(mode, server).stream()
			.map((r) -> r.measurement().tls())
			.filter((tls) -> !tls.isEmpty())
			.distinct()
			.reduce((a, b) -> a + ", " + b)
			.orElse("");
	}

	private static String micros(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
	}

	String svg() {
		return new SvgChart(this.options, this, this.environment).render();
	}

	void write() throws IOException {
		Files.createDirectories(this.options.outputDirectory());
		Files.writeString(this.options.outputDirectory().resolve(this.options.name() + ".md"), markdown(),
				StandardCharsets.UTF_8);
		Files.writeString(this.options.outputDirectory().resolve(this.options.name() + ".svg"), svg(),
				StandardCharsets.UTF_8);
	}

}
