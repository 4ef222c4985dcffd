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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An echo server running in its own JVM (the same {@code java} and class path as the
 * harness), so that its CPU time and resident memory can be read from
 * {@code /proc/<pid>}.
 */
final class ServerProcess implements AutoCloseable {

	/** Linux USER_HZ: /proc reports CPU times in these ticks. */
	private static final double TICKS_PER_SECOND = 100.0;

	private final Process process;

	private final Writer commands;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final int tcpPort;

	private final int udpPort;

	private ServerProcess(Process process) throws IOException, InterruptedException {
		this.process = process;
		this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readLines, "server-" + process.pid() + "-out");
		reader.setDaemon(true);
		reader.start();
		String ready = awaitLine("READY ", 60);
		String[] parts = ready.split(" ");
		this.tcpPort = Integer.parseInt(parts[1].substring("tcp=".length()));
		this.udpPort = Integer.parseInt(parts[2].substring("udp=".length()));
	}

	static ServerProcess start(ServerKind kind, List<String> jvmArgs, boolean tls)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
		command.addAll(jvmArgs);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(Main.class.getName());
		command.add("server");
		command.add(kind.id());
		if (tls) {
			command.add("--tls");
		}
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		try {
			return new ServerProcess(process);
		}
		catch (IOException | RuntimeException ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	private void readLines() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			this.lines.add("EOF " + ex);
		}
	}

	private String awaitLine(String prefix, int seconds) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (true) {
			long left = deadline - System.nanoTime();
			String line = (left > 0) ? this.lines.poll(left, TimeUnit.NANOSECONDS) : null;
			if (line == null) {
				throw new IOException("server " + this.process.pid() + " did not print '" + prefix + "' within "
						+ seconds + " s (alive: " + this.process.isAlive() + ")");
			}
			if (line.startsWith(prefix)) {
				return line;
			}
			System.out.println("  [server] " + line);
		}
	}

	int tcpPort() {
		return this.tcpPort;
	}

	int udpPort() {
		return this.udpPort;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Returns the CPU time (user + system) the server used so far, in seconds.
	 * @return CPU seconds, or -1 where /proc is not available
	 */
	double cpuSeconds() {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// After the command: state is field 3, so utime (14) and stime (15) are at 11
			// and 12.
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Returns a field of {@code /proc/<pid>/status} in bytes (e.g. {@code VmRSS},
	 * {@code VmHWM}).
	 * @param field the field name
	 * @return the value in bytes, or -1 where /proc is not available
	 */
	long memory(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith(field + ":")) {
					String value = line.substring(field.length() + 1).trim();
					return Long.parseLong(value.substring(0, value.indexOf(' '))) * 1024;
				}
			}
			return -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	long heapAfterGc() throws IOException, InterruptedException {
		this.commands.write("heap\n");
		this.commands.flush();
		return Long.parseLong(awaitLine("HEAP ", 60).substring("HEAP ".length()));
	}

	@Override
	public void close() {
		try {
			this.commands.write("exit\n");
			this.commands.flush();
		}
		catch (IOException ex) {
			// Already gone: nothing to stop.
		}
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
