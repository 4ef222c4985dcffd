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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Options of the {@code compare} command.
 *
 * @param servers servers to compare, the baseline (Netty) first when present
 * @param modes what to measure
 * @param rounds rounds of alternating runs
 * @param load the load every server gets
 * @param serverJvmArgs JVM options of the server child processes, the same for every
 * server ({@link #DEFAULT_SERVER_JVM_ARGS} unless {@code --server-jvm-args} is given)
 * @param outputDirectory where {@code <name>.md} and {@code <name>.svg} go
 * @param name base name of the result files
 * @param freshServerPerMode start a new server process for every mode (else one per
 * round)
 * @param tls whether servers and client speak TLS ({@code --tls})
 * @param tlsCipherSuites the only cipher suites the client offers
 * ({@code --tls-ciphers a,b}), empty for the JDK's defaults
 */
record CompareOptions(List<ServerKind> servers, List<Mode> modes, int rounds, LoadSpec load, List<String> serverJvmArgs,
		Path outputDirectory, String name, boolean freshServerPerMode, boolean tls, List<String> tlsCipherSuites) {

	/**
	 * The server JVM options when none are given: the same heap bound for every server,
	 * as a deployment would set one. Without it the JVM's default maximum heap is a
	 * quarter of the machine's memory, and a server that allocates per read (NGI hands
	 * every {@code handleInput} a fresh array, as the contract requires) lets its young
	 * generation grow into hundreds of megabytes of resident memory that a bounded heap
	 * never touches; a server that pools its buffers (Netty) is not affected either way.
	 */
	static final String DEFAULT_SERVER_JVM_ARGS = "-Xmx256m";

	static CompareOptions parse(String... args) {
		boolean smoke = Arrays.asList(args).contains("--smoke");
		boolean tls = Arrays.asList(args).contains("--tls");
		String servers = tls ? "netty,ngi-nio" : ServerKind.ids();
		String modes = tls ? "tcp,bulk,handshake" : "tcp,udp,flood,idle";
		int rounds = smoke ? 1 : 3;
		int connections = smoke ? 4 : 100;
		int window = 1;
		int size = 64;
		Duration warmup = smoke ? Duration.ofMillis(200) : Duration.ofSeconds(3);
		Duration duration = smoke ? Duration.ofMillis(300) : Duration.ofSeconds(10);
		int floodWindow = 256 * 1024;
		int idle = smoke ? 50 : 10_000;
		int bulkConnections = 4;
		int bulkBytes = 1024 * 1024;
		int handshakeConnections = smoke ? 4 : 16;
		List<String> ciphers = List.of();
		List<String> jvmArgs = new ArrayList<>();
		boolean defaultJvmArgs = true;
		Path output = Files.isDirectory(Path.of("ngi-benchmarks")) ? Path.of("ngi-benchmarks", "results")
				: Path.of("results");
		String name = "echo";
		boolean fresh = !smoke;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--smoke", "--tls" -> {
				}
				case "--servers" -> servers = value(args, ++i, arg);
				case "--modes" -> modes = value(args, ++i, arg);
				case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, arg));
				case "--connections" -> connections = Integer.parseInt(value(args, ++i, arg));
				case "--window" -> window = Integer.parseInt(value(args, ++i, arg));
				case "--size" -> size = Integer.parseInt(value(args, ++i, arg));
				case "--warmup" -> warmup = duration(value(args, ++i, arg));
				case "--duration" -> duration = duration(value(args, ++i, arg));
				case "--flood-window" -> floodWindow = Integer.parseInt(value(args, ++i, arg));
				case "--idle-connections" -> idle = Integer.parseInt(value(args, ++i, arg));
				case "--bulk-connections" -> bulkConnections = Integer.parseInt(value(args, ++i, arg));
				case "--bulk-size" -> bulkBytes = Integer.parseInt(value(args, ++i, arg));
				case "--handshake-connections" -> handshakeConnections = Integer.parseInt(value(args, ++i, arg));
				case "--tls-ciphers" -> ciphers = Arrays.stream(value(args, ++i, arg).split(","))
					.map(String::trim)
					.filter((s) -> !s.isEmpty())
					.toList();
				case "--server-jvm-args" -> {
					defaultJvmArgs = false;
					String given = value(args, ++i, arg).trim();
					if (!given.isEmpty()) {
						jvmArgs.addAll(Arrays.asList(given.split("\\s+")));
					}
				}
				case "--out" -> output = Path.of(value(args, ++i, arg));
				case "--name" -> name = value(args, ++i, arg);
				case "--shared-server" -> fresh = false;
				default -> throw new IllegalArgumentException("unknown option for compare: " + arg);
			}
		}
		if (defaultJvmArgs) {
			jvmArgs.add(DEFAULT_SERVER_JVM_ARGS);
		}
		if (rounds < 1) {
			throw new IllegalArgumentException("rounds must be >= 1: " + rounds);
		}
		LoadSpec load = new LoadSpec(connections, window, size, warmup, duration, floodWindow, idle, bulkConnections,
				bulkBytes, handshakeConnections);
		List<ServerKind> serverList = ServerKind.parseList(servers);
		List<Mode> modeList = Mode.parseList(modes);
		if (tls) {
			for (ServerKind server : serverList) {
				if (!server.hasTls()) {
					throw new IllegalArgumentException("--tls: server " + server.id() + " has no TLS");
				}
			}
			for (Mode mode : modeList) {
				if (!mode.hasTls()) {
					throw new IllegalArgumentException("--tls: mode " + mode.id() + " has no TLS variant");
				}
			}
		}
		return new CompareOptions(serverList, modeList, rounds, load, List.copyOf(jvmArgs), output, name, fresh, tls,
				ciphers);
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	/**
	 * Parses {@code 500ms}, {@code 10s} or {@code 2m}.
	 * @param text the text
	 * @return the duration
	 */
	static Duration duration(String text) {
		String lower = text.trim().toLowerCase(Locale.ROOT);
		if (lower.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
		}
		if (lower.endsWith("s")) {
			return Duration.ofMillis(Math.round(Double.parseDouble(lower.substring(0, lower.length() - 1)) * 1000));
		}
		if (lower.endsWith("m")) {
			return Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1)) * 60);
		}
		throw new IllegalArgumentException("duration must look like 500ms, 10s or 2m: " + text);
	}

}
