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

package io.ngi.sample.kv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import io.ngi.sample.SampleApplication;

import static io.ngi.sample.kv.Tools.bytes;
import static io.ngi.sample.kv.Tools.connect;
import static io.ngi.sample.kv.Tools.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code kv} listener over real sockets, in the whole application (the same context
 * as {@code SampleApplicationTests}: every listener on a free port): Redis's own tools,
 * and bad input that must get its documented answer or close while the server keeps
 * serving others with bounded memory.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ngi.ephemeral-ports=true")
class KvApplicationTests {

	/**
	 * The listener's output high-water mark ({@code ngi.output.high-water-mark}, 1 MiB).
	 */
	private static final long HIGH_WATER_MARK = 1024 * 1024;

	@Autowired
	private Environment environment;

	@LocalServerPort
	private int httpPort;

	@Test
	void redisCliRunsEveryCommand() throws Exception {
		Path cli = Tools.require("redis-cli");
		String[][] commands = { { "FLUSHALL" }, { "PING" }, { "PING", "hello" }, { "ECHO", "hi there" },
				{ "SET", "cli:k", "v" }, { "SET", "cli:k", "w", "NX" }, { "SET", "cli:k", "w", "XX", "GET" },
				{ "GET", "cli:k" }, { "SET", "cli:t", "x", "EX", "100" }, { "TTL", "cli:t" },
				{ "PEXPIRE", "cli:t", "5000" }, { "PTTL", "cli:missing" }, { "EXPIRE", "cli:k", "50" },
				{ "TTL", "cli:k" }, { "INCR", "cli:n" }, { "INCRBY", "cli:n", "41" }, { "DECR", "cli:n" },
				{ "DECRBY", "cli:n", "2" }, { "MSET", "cli:a", "1", "cli:b", "2" },
				{ "MGET", "cli:a", "cli:b", "cli:missing" }, { "EXISTS", "cli:a", "cli:b", "cli:missing" },
				{ "DEL", "cli:a", "cli:missing" }, { "DBSIZE" }, { "CONFIG", "GET", "appendonly" },
				{ "COMMAND", "COUNT" }, { "NOSUCH", "x" }, { "GET" }, { "INCR", "cli:k" }, { "FLUSHALL" },
				{ "DBSIZE" } };
		String[] expected = { "OK", "PONG", "hello", "hi there", "OK", "", "v", "w", "OK", "100", "1", "-2", "1", "50",
				"1", "42", "41", "39", "OK", "1\n2\n", "2", "1", "4", "appendonly\nno", "21",
				"ERR unknown command 'NOSUCH', with args beginning with: 'x' ",
				"ERR wrong number of arguments for 'get' command", "ERR value is not an integer or out of range", "OK",
				"0" };
		for (int i = 0; i < commands.length; i++) {
			List<String> command = new ArrayList<>(List.of(cli.toString(), "-p", Integer.toString(port())));
			command.addAll(List.of(commands[i]));
			Tools.Result result = Tools.run(command, null).succeeded();
			assertThat(result.output().strip()).as("redis-cli %s", String.join(" ", commands[i]))
				.isEqualTo(expected[i].strip());
		}
	}

	@Test
	void redisCliSpeaksTlsToTheSameStore() throws Exception {
		Path cli = Tools.require("redis-cli");
		Path ca = Path.of(getClass().getResource("/tls/dev.crt").toURI());
		String tlsPort = this.environment.getRequiredProperty("local.ngi.kv-tls.port");
		Tools.run(List.of(cli.toString(), "-p", Integer.toString(port()), "SET", "tls:k", "over plaintext"), null)
			.succeeded();
		Tools.Result result = Tools
			.run(List.of(cli.toString(), "--tls", "--cacert", ca.toString(), "-h", "127.0.0.1", "-p", tlsPort, "GET",
					"tls:k"), null)
			.succeeded();
		assertThat(result.output().strip()).isEqualTo("over plaintext");
		// Plaintext to the TLS port gets no answer from the store: the handshake fails.
		Tools.Result plain = Tools.run(List.of(cli.toString(), "-p", tlsPort, "PING"), null);
		assertThat(plain.output()).doesNotContain("PONG");
	}

	@Test
	void redisCliReadsCommandsFromItsInput(@TempDir Path directory) throws Exception {
		Path cli = Tools.require("redis-cli");
		Path input = Files.writeString(directory.resolve("commands"), "SET cli:in 1\nINCR cli:in\nGET cli:in\n");
		// Without a terminal redis-cli asks COMMAND DOCS first, then runs each line.
		Tools.Result result = Tools.run(List.of(cli.toString(), "-p", Integer.toString(port())), input).succeeded();
		assertThat(result.output()).isEqualTo("OK\n2\n2\n");
	}

	@Test
	void redisCliPipesAHundredThousandSets(@TempDir Path directory) throws Exception {
		Path cli = Tools.require("redis-cli");
		Path input = directory.resolve("sets");
		try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(input))) {
			for (int i = 0; i < 100_000; i++) {
				String key = "pipe:" + i;
				String value = "value:" + i;
				out.write(bytes("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + value.length() + "\r\n"
						+ value + "\r\n"));
			}
		}
		Tools.Result result = Tools.run(List.of(cli.toString(), "-p", Integer.toString(port()), "--pipe"), input)
			.succeeded();
		assertThat(result.output()).contains("errors: 0, replies: 100000");
		assertThat(exchange(port(), "EXISTS pipe:0 pipe:50000 pipe:99999\r\nGET pipe:99999\r\n", false))
			.isEqualTo(":3\r\n$11\r\nvalue:99999\r\n");
	}

	@Test
	void redisBenchmarkFinishesEveryTestWithoutError() throws Exception {
		Path benchmark = Tools.require("redis-benchmark");
		Tools.Result result = Tools
			.run(List.of(benchmark.toString(), "-p", Integer.toString(port()), "-q", "-t", "ping,set,get,incr,mset",
					"-n", "100000", "-P", "16"), null)
			.succeeded();
		String output = result.output().replace('\r', '\n');
		for (String test : List.of("PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "MSET (10 keys)")) {
			assertThat(output).as(output)
				.containsPattern("(?m)^" + Pattern.quote(test) + ": [0-9.]+ requests per second");
		}
		assertThat(output).doesNotContainIgnoringCase("error");
	}

	@Test
	void countsEveryIncrementOfClientsOnBothLoops() throws Exception {
		exchange(port(), "DEL race\r\n", false);
		int clients = 4;
		int increments = 10_000;
		List<Thread> threads = new ArrayList<>();
		List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		for (int c = 0; c < clients; c++) {
			Thread thread = new Thread(() -> {
				try (Socket socket = connect(port())) {
					socket.getOutputStream().write(bytes("INCR race\r\n".repeat(increments)));
					InputStream in = socket.getInputStream();
					for (int i = 0; i < increments; i++) {
						assertThat(readLine(in)).startsWith(":");
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join(Tools.TIMEOUT_MILLIS);
		}
		assertThat(failures).isEmpty();
		String total = Integer.toString(clients * increments);
		assertThat(exchange(port(), "GET race\r\n", false)).isEqualTo("$" + total.length() + "\r\n" + total + "\r\n");
	}

	@Test
	void answersBadRequestsAndClosesTheirConnections() throws IOException {
		assertThat(exchange(port(), "*1\r\n$1073741824\r\n", true))
			.isEqualTo("-ERR Protocol error: invalid bulk length\r\n<EOF>");
		assertThat(exchange(port(), "*1\r\n$-5\r\n", true))
			.isEqualTo("-ERR Protocol error: invalid bulk length\r\n<EOF>");
		// Arrays of negative or zero length are skipped, as Redis skips them.
		assertThat(exchange(port(), "*-1\r\n*-100\r\n*0\r\nPING\r\n", false)).isEqualTo("+PONG\r\n");
		assertThat(exchange(port(), "*-9223372036854775809\r\n", true))
			.isEqualTo("-ERR Protocol error: invalid multibulk length\r\n<EOF>");
		assertThat(exchange(port(), "GET " + "k".repeat(100 * 1024) + "\r\n", true))
			.isEqualTo("-ERR Protocol error: too big inline request\r\n<EOF>");
		assertThat(exchange(port(), "PING\r\n*2\r\n$4\r\nECHO\r\n:1\r\n", true))
			.isEqualTo("+PONG\r\n-ERR Protocol error: expected '$', got ':'\r\n<EOF>");
		assertThat(exchange(port(), "PING\r\n", false)).isEqualTo("+PONG\r\n");
	}

	@Test
	void survivesRandomBytesAndServesOthers() throws IOException {
		Random random = new Random(17);
		try (Socket good = connect(port())) {
			for (int i = 0; i < 50; i++) {
				byte[] garbage = new byte[1 + random.nextInt(20_000)];
				random.nextBytes(garbage);
				try (Socket bad = connect(port())) {
					bad.getOutputStream().write(garbage);
					bad.shutdownOutput();
					// Each ends: answered and closed (a protocol error), or closed at our
					// end of input.
					readToEnd(bad.getInputStream());
				}
				good.getOutputStream().write(bytes("INCR survivor\r\n"));
				assertThat(readLine(good.getInputStream())).startsWith(":");
			}
		}
	}

	@Test
	void forgetsARequestWhoseClientWasKilledMidBulk() throws IOException {
		try (Socket killed = connect(port())) {
			killed.getOutputStream()
				.write(bytes("*3\r\n$3\r\nSET\r\n$9\r\nkill:half\r\n$100000\r\n" + "x".repeat(5000)));
			killed.setSoLinger(true, 0);
		}
		assertThat(exchange(port(), "EXISTS kill:half\r\nPING\r\n", false)).isEqualTo(":0\r\n+PONG\r\n");
	}

	@Test
	void stopsReadingAClientThatPipelinesAGigabyteWithoutReading() throws Exception {
		byte[] pings = bytes("PING\r\n".repeat(100_000));
		assertBoundedWhileFlooding(pings);
	}

	@Test
	void stopsReadingAClientThatRequestsLargeValuesWithoutReading() throws Exception {
		String value = "v".repeat(1024 * 1024);
		assertThat(exchange(port(),
				"*3\r\n$3\r\nSET\r\n$9\r\nflood:big\r\n$" + value.length() + "\r\n" + value + "\r\n", false))
			.isEqualTo("+OK\r\n");
		assertBoundedWhileFlooding(bytes("GET flood:big\r\n".repeat(10_000)));
	}

	/**
	 * Writes up to 1 GiB of {@code chunk}s without reading: the writes must stall (TCP
	 * holds the client back once the server stops reading), the server's queued output
	 * for the connection must stay near the high-water mark, and another client must be
	 * served meanwhile.
	 */
	private void assertBoundedWhileFlooding(byte[] chunk) throws Exception {
		AtomicLong written = new AtomicLong();
		try (Socket flood = connect(port())) {
			Thread writer = new Thread(() -> {
				try {
					OutputStream out = flood.getOutputStream();
					while (written.get() < (1L << 30)) {
						out.write(chunk);
						written.addAndGet(chunk.length);
					}
				}
				catch (IOException ex) {
					// The socket closed under the writer at the end of the test.
				}
			}, "kv-flood");
			writer.setDaemon(true);
			writer.start();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(new Stalled(written));
			assertThat(written.get()).isLessThan(1L << 30);
			long queued = maxQueuedOutput();
			assertThat(queued).as("queued output of the flooding connection")
				.isLessThanOrEqualTo(HIGH_WATER_MARK + KvSession.FLUSH_THRESHOLD + 1024);
			assertThat(exchange(port(), "PING\r\n", false)).isEqualTo("+PONG\r\n");
		}
	}

	/**
	 * The largest {@code queuedOutput} among the kv listener's connections, from
	 * Actuator.
	 */
	private long maxQueuedOutput() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/ngi/kv"))
			.timeout(Duration.ofSeconds(10))
			.build();
		String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
		Matcher matcher = Pattern.compile("\"queuedOutput\":(\\d+)").matcher(body);
		long max = -1;
		while (matcher.find()) {
			max = Math.max(max, Long.parseLong(matcher.group(1)));
		}
		assertThat(max).as("a connection in %s", body).isGreaterThanOrEqualTo(0);
		return max;
	}

	private int port() {
		return this.environment.getRequiredProperty("local.ngi.kv.port", Integer.class);
	}

	private static void readToEnd(InputStream in) throws IOException {
		byte[] buffer = new byte[65536];
		try {
			while (in.read(buffer) >= 0) {
				// discard
			}
		}
		catch (java.net.SocketException ex) {
			// Reset after the server closed: an end too.
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) != '\n') {
			assertThat(b).as("end of stream before a line ended: %s", line).isNotEqualTo(-1);
			line.append((char) b);
		}
		return line.toString().strip();
	}

	/** True once the count has not moved since the last poll. */
	private static final class Stalled implements java.util.concurrent.Callable<Boolean> {

		private final AtomicLong count;

		private long last = -1;

		Stalled(AtomicLong count) {
			this.count = count;
		}

		@Override
		public Boolean call() {
			long now = this.count.get();
			boolean stalled = now == this.last && now > 0;
			this.last = now;
			return stalled;
		}

	}

}
