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

package io.ngi.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A rolling restart behind a real HAProxy (Debian's 2.6), with the example's own
 * configuration ({@code examples/scale-out/haproxy.cfg}): two instances of the sample
 * application, 50 clients making short request/response connections to the echo listener
 * through HAProxy ({@code send-proxy-v2}), each instance stopped and started again in
 * turn, twice. Asserted: no request failed and none was answered wrongly. Reported: the
 * requests, the longest request. Skipped with a message if {@code haproxy} is not
 * installed ({@code .ci/run} installs it).
 * <p>
 * The instances are Spring contexts in this JVM: {@code context.close()} runs the same
 * graceful shutdown as the SIGTERM shutdown hook (the lifecycle stop of the NGI registry
 * and of Tomcat), and a context restarts in about a second where a child JVM took 15 to
 * 25 s on the loaded 2-core build machine. {@code examples/scale-out/run.sh} does the
 * same with SIGTERM and separate JVMs. Sizes: {@code -Dngi.reliability.clients=N},
 * {@code -Dngi.reliability.restarts=N} (rounds of restarting both), or
 * {@code -Dngi.reliability.scale=full} (200 clients, 5 rounds).
 */
class RollingRestartReliabilityTests {

	/**
	 * How long a stopping instance keeps accepting after its health turns OUT_OF_SERVICE:
	 * longer than HAProxy takes to mark it down (inter 500ms, fall 1).
	 * {@code -Dngi.reliability.shutdownDelay=0s} shows what is lost without it.
	 */
	private static final String SHUTDOWN_DELAY = System.getProperty("ngi.reliability.shutdownDelay", "2s");

	private static final Path HAPROXY_CONFIG = Path.of("..", "examples", "scale-out", "haproxy.cfg");

	private final List<@Nullable ConfigurableApplicationContext> instances = new ArrayList<>(List.of());

	private @Nullable Process haproxy;

	private @Nullable Path haproxyLog;

	private volatile boolean stopLoad;

	@AfterEach
	void close() {
		this.stopLoad = true;
		for (ConfigurableApplicationContext instance : this.instances) {
			if (instance != null) {
				instance.close();
			}
		}
		if (this.haproxy != null) {
			this.haproxy.destroyForcibly();
		}
	}

	@Test
	void rollingRestartBehindHaproxyLosesNoRequest(@TempDir Path directory) throws Exception {
		Path program = haproxy();
		boolean full = "full".equals(System.getProperty("ngi.reliability.scale"));
		int clients = Integer.getInteger("ngi.reliability.clients", full ? 200 : 50);
		int rounds = Integer.getInteger("ngi.reliability.restarts", full ? 5 : 2);
		int[] ports = { freePort(), freePort() };
		int[] managementPorts = { freePort(), freePort() };
		for (int n = 0; n < 2; n++) {
			this.instances.add(start(ports[n], managementPorts[n]));
		}
		Path socket = directory.resolve("haproxy.sock");
		int frontend = startHaproxy(program, directory, ports, managementPorts);

		Load load = new Load(frontend, clients);
		long started = System.nanoTime();
		load.start();
		Thread.sleep(1000);
		for (int round = 0; round < rounds; round++) {
			for (int n = 0; n < 2; n++) {
				ConfigurableApplicationContext instance = this.instances.set(n, null);
				instance.close();
				this.instances.set(n, restart(ports[n], managementPorts[n]));
				awaitState(socket, n, "UP");
			}
		}
		Thread.sleep(1000);
		load.stop();
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf(Locale.ROOT,
				"[reliability] rolling restart behind HAProxy: shutdown delay %s, %d clients, %d restarts,"
						+ " %d requests in %.1f s, %d failed, %d wrong answers, longest request %d ms%n",
				SHUTDOWN_DELAY, clients, rounds * 2, load.requests.get(), seconds, load.failures.get(),
				load.wrong.get(), TimeUnit.NANOSECONDS.toMillis(load.longest.get()));
		load.errors.forEach((error) -> System.out.println("[reliability]   " + error));
		if (load.failures.get() > 0) {
			System.out
				.println("[reliability]   HAProxy's sessions not ended normally, by server and termination state: "
						+ abnormalSessions(this.haproxyLog));
		}
		assertThat(load.requests.get()).isPositive();
		assertThat(load.failures.get()).as("failed requests: %s", load.errors).isZero();
		assertThat(load.wrong.get()).as("wrong answers: %s", load.errors).isZero();
	}

	/**
	 * Starts HAProxy on a free frontend port and waits until it reports both instances
	 * UP. A port found free can be taken before HAProxy binds it (by any socket of this
	 * busy JVM); an HAProxy that exits while starting is therefore started again on
	 * another port, at most three times, and its log is printed each time.
	 * @return the frontend port
	 */
	private int startHaproxy(Path program, Path directory, int[] ports, int[] managementPorts) throws Exception {
		for (int attempt = 1;; attempt++) {
			int frontend = freePort();
			Path log = directory.resolve("haproxy-" + attempt + ".log");
			ProcessBuilder builder = new ProcessBuilder(program.toString(), "-f", HAPROXY_CONFIG.toString(), "-db")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("NGI_RUN_DIR", directory.toString());
			builder.environment().put("NGI_FRONTEND_PORT", Integer.toString(frontend));
			for (int n = 0; n < 2; n++) {
				builder.environment().put("NGI_APP" + (n + 1) + "_PORT", Integer.toString(ports[n]));
				builder.environment()
					.put("NGI_APP" + (n + 1) + "_MANAGEMENT_PORT", Integer.toString(managementPorts[n]));
			}
			Files.deleteIfExists(directory.resolve("haproxy.sock"));
			this.haproxyLog = log;
			this.haproxy = builder.start();
			try {
				for (int n = 0; n < 2; n++) {
					awaitState(directory.resolve("haproxy.sock"), n, "UP");
				}
				return frontend;
			}
			catch (HaproxyExited ex) {
				if (attempt == 3) {
					throw ex;
				}
				System.out.println("[reliability] starting it again on another port: " + ex.getMessage());
			}
		}
	}

	/** HAProxy's log so far, for a failure message. */
	private String haproxyLog() {
		try {
			return (this.haproxyLog != null) ? Files.readString(this.haproxyLog, StandardCharsets.ISO_8859_1)
					: "(not started)";
		}
		catch (IOException ex) {
			return "(unreadable: " + ex + ")";
		}
	}

	/**
	 * Counts HAProxy's tcplog lines by server and termination state, those with a state
	 * other than {@code --}.
	 */
	private static java.util.Map<String, Long> abnormalSessions(Path log) throws IOException {
		try (java.util.stream.Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
			return lines.map((line) -> line.split(" "))
				.filter((fields) -> fields.length > 6 && fields[1].startsWith("[") && !fields[6].equals("--"))
				.collect(java.util.stream.Collectors.groupingBy((fields) -> fields[3] + " " + fields[6],
						java.util.TreeMap::new, java.util.stream.Collectors.counting()));
		}
	}

	/**
	 * Starts an instance again on its ports. While it was stopped, a port of the
	 * ephemeral range can be the local port of a client's connection for a moment; the
	 * start is then tried again (HAProxy sends the load to the other instance meanwhile).
	 */
	private static ConfigurableApplicationContext restart(int port, int managementPort) throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				return start(port, managementPort);
			}
			catch (RuntimeException ex) {
				if (attempt == 20 || !causedByBindException(ex)) {
					throw ex;
				}
				System.out.println("[reliability] port " + port + " or " + managementPort
						+ " is in use for a moment; starting again: " + ex);
				Thread.sleep(250);
			}
		}
	}

	private static boolean causedByBindException(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.BindException
					|| cause.getClass().getSimpleName().equals("PortInUseException")) {
				return true;
			}
		}
		return false;
	}

	/** Starts one instance of the sample app: the echo listener only. */
	private static ConfigurableApplicationContext start(int port, int managementPort) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--spring.main.banner-mode=off",
				"--logging.level.root=WARN", "--ngi.loops=1", "--ngi.servers.echo.address=127.0.0.1:" + port,
				"--ngi.servers.echo.proxy-protocol=required", "--ngi.shutdown-delay=" + SHUTDOWN_DELAY,
				"--ngi.servers.echo-tls.enabled=false", "--ngi.servers.wc.enabled=false",
				"--ngi.servers.wc-sized.enabled=false", "--ngi.servers.udp.enabled=false",
				"--ngi.servers.finger.enabled=false", "--ngi.servers.finger-setter.enabled=false",
				"--ngi.servers.finger-proxy.enabled=false", "--ngi.servers.kv.enabled=false",
				"--ngi.servers.kv-tls.enabled=false", "--ngi.clients.heartbeat.enabled=false",
				"--server.port=" + managementPort);
	}

	private static Path haproxy() {
		for (String candidate : new String[] { "/usr/sbin/haproxy", "/usr/bin/haproxy" }) {
			if (Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		String path = System.getenv("PATH");
		for (String directory : (path != null) ? path.split(":") : new String[0]) {
			if (Files.isExecutable(Path.of(directory, "haproxy"))) {
				return Path.of(directory, "haproxy");
			}
		}
		assumeTrue(false, "haproxy is not installed: skipping the rolling restart behind HAProxy"
				+ " (.ci/run installs it with apt-get, so CI runs this test)");
		throw new IllegalStateException();
	}

	/** A port free now (HAProxy's configuration needs fixed ports). */
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits (at most 30 s) until HAProxy reports server app{n+1} in {@code state}.
	 * @throws HaproxyExited if HAProxy exits meanwhile, with its log
	 */
	private void awaitState(Path socket, int n, String state) {
		String server = "app" + (n + 1);
		try {
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.ignoreExceptions()
				.failFast("haproxy exited", () -> this.haproxy != null && !this.haproxy.isAlive())
				.until(() -> showStat(socket).lines()
					.map((line) -> line.split(","))
					.anyMatch((fields) -> fields.length > 17 && fields[0].equals("echo") && fields[1].equals(server)
							&& fields[17].equals(state)));
		}
		catch (TerminalFailureException ex) {
			throw new HaproxyExited("haproxy exited (exit code " + this.haproxy.exitValue() + ") waiting for " + server
					+ " to be " + state + "; its log:\n" + haproxyLog());
		}
	}

	/** {@code show stat} on HAProxy's stats socket, as CSV. */
	private static String showStat(Path socket) throws IOException {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			channel.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
			try (InputStream in = java.nio.channels.Channels.newInputStream(channel)) {
				return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			}
		}
	}

	/** HAProxy exited under the test. */
	private static final class HaproxyExited extends IllegalStateException {

		HaproxyExited(String message) {
			super(message);
		}

	}

	/** Clients each making one short connection after another: one line, its answer. */
	private final class Load {

		final AtomicLong requests = new AtomicLong();

		final AtomicLong failures = new AtomicLong();

		final AtomicLong wrong = new AtomicLong();

		final AtomicLong longest = new AtomicLong();

		final List<String> errors = new CopyOnWriteArrayList<>();

		private final int port;

		private final List<Thread> threads = new ArrayList<>();

		Load(int port, int clients) {
			this.port = port;
			for (int i = 0; i < clients; i++) {
				int client = i;
				this.threads.add(new Thread(() -> run(client), "client-" + i));
			}
		}

		void start() {
			this.threads.forEach(Thread::start);
		}

		void stop() throws InterruptedException {
			RollingRestartReliabilityTests.this.stopLoad = true;
			for (Thread thread : this.threads) {
				thread.join(30_000);
			}
		}

		private void run(int client) {
			for (long sequence = 0; !RollingRestartReliabilityTests.this.stopLoad; sequence++) {
				String line = "hello from client " + client + " request " + sequence;
				long started = System.nanoTime();
				String answer = null;
				String failure = null;
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
					socket.setSoTimeout(10_000);
					socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
					answer = readLine(socket.getInputStream());
					if (answer == null) {
						failure = "closed without an answer";
					}
				}
				catch (IOException ex) {
					failure = ex.toString();
				}
				long took = System.nanoTime() - started;
				this.longest.accumulateAndGet(took, Math::max);
				this.requests.incrementAndGet();
				if (failure != null) {
					this.failures.incrementAndGet();
					note(System.currentTimeMillis() + " " + line + ": " + failure);
				}
				else if (!answer.equals(line.toUpperCase(Locale.ROOT))) {
					this.wrong.incrementAndGet();
					note(line + ": answered " + answer);
				}
			}
		}

		private void note(String error) {
			if (this.errors.size() < 10) {
				this.errors.add(error);
			}
		}

		/** The line up to its {@code '\n'}, or {@code null} if the input ended first. */
		private static @Nullable String readLine(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b != '\n'; b = in.read()) {
				if (b < 0) {
					return null;
				}
				line.append((char) b);
			}
			return line.toString();
		}

	}

}
