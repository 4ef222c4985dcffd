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

package io.ngi.nio;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import io.ngi.imperative.Imperative;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blocked-loop detection: a handler that sleeps on a loop is reported once (with the loop
 * thread's stack, taken while it slept) and once more when it ends, counted, and recorded
 * as a JFR event, while the other loop keeps serving; the same sleep in an imperative
 * body is not on the loop and is not reported.
 */
class NioBlockedLoopTests {

	private final NioImplementation ngi = NioImplementation.builder()
		.name("blocked")
		.loops(2)
		.blockedLoopThreshold(Duration.ofMillis(300))
		.build();

	private final Map<String, String> loopOf = new ConcurrentHashMap<>();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	/** Sleeps 2 s on "sleep", echoes anything else. */
	static final class Sleeper implements ConnectionHandler {

		@Override
		public void handleInput(Connection connection, byte[] data) {
			if (new String(data, StandardCharsets.US_ASCII).startsWith("sleep")) {
				sleep(2000);
			}
			connection.write(data);
		}

	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aHandlerThatSleepsOnTheLoopIsReportedOnceWithItsStackAndOtherLoopsServe() throws Exception {
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			this.loopOf.put(connection.peerAddress().toString(), Thread.currentThread().getName());
			connection.setHandler(new Sleeper());
		});
		try (LogCapture log = new LogCapture();
				Socket sleeper = connect(listener);
				Socket other = onOtherLoop(listener, sleeper)) {
			sleeper.getOutputStream().write("sleep\n".getBytes(StandardCharsets.US_ASCII));
			await().atMost(Duration.ofSeconds(10)).until(() -> !warnings(log).isEmpty());
			// The loop is blocked now: the other loop answers, and the statistics say so.
			assertThat(echo(other, "ping")).isEqualTo("ping");
			LoopStatistics blocked = this.ngi.loopStatistics()
				.stream()
				.filter(LoopStatistics::isBlocked)
				.findFirst()
				.orElseThrow();
			assertThat(blocked.blockedNow()).contains(Sleeper.class.getName());
			assertThat(sleeper.getInputStream().readNBytes(6)).asString(StandardCharsets.US_ASCII).isEqualTo("sleep\n");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> log.messages(Level.INFO).stream().anyMatch((m) -> m.contains("unblocked after")));
			List<ILoggingEvent> warnings = warnings(log);
			assertThat(warnings).hasSize(1);
			String warning = warnings.get(0).getFormattedMessage();
			assertThat(warning).contains("loop blocked-").contains("blocked for").contains(Sleeper.class.getName());
			IThrowableProxy stack = warnings.get(0).getThrowableProxy();
			assertThat(stack).isNotNull();
			assertThat(List.of(stack.getStackTraceElementProxyArray()))
				.extracting(StackTraceElementProxy::getSTEAsString)
				.anyMatch((frame) -> frame.contains("java.lang.Thread.sleep"))
				.anyMatch((frame) -> frame.contains("NioBlockedLoopTests$Sleeper.handleInput"));
			List<String> ends = log.messages(Level.INFO).stream().filter((m) -> m.contains("unblocked after")).toList();
			assertThat(ends).singleElement().asString().contains(Sleeper.class.getName());
		}
		long episodes = this.ngi.loopStatistics().stream().mapToLong(LoopStatistics::blockedEpisodes).sum();
		assertThat(episodes).isEqualTo(1);
		assertThat(this.ngi.loopStatistics()).noneMatch(LoopStatistics::isBlocked);
		assertThat(this.ngi.loopStatistics().stream().mapToLong((s) -> s.blockedTotal().toMillis()).sum())
			.isGreaterThanOrEqualTo(1000);
	}

	@Test
	void aSleepInAnImperativeBodyIsNotOnTheLoopAndNotReported() throws Exception {
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				Imperative.handler((connection, input) -> {
					byte[] data = input.next();
					sleep(2000);
					connection.write(data);
				}));
		try (LogCapture log = new LogCapture(); Socket client = connect(listener)) {
			assertThat(echo(client, "slow")).isEqualTo("slow");
			Thread.sleep(200);
			assertThat(warnings(log)).isEmpty();
		}
		assertThat(this.ngi.loopStatistics()).allMatch((s) -> s.blockedEpisodes() == 0);
	}

	@Test
	void jfrRecordsBlockedLoopsAndConnectionLifetimes(@TempDir Path directory) throws Exception {
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler(new Sleeper()));
		Path file = directory.resolve("ngi.jfr");
		try (Recording recording = new Recording()) {
			recording.enable("io.ngi.LoopBlocked");
			recording.enable("io.ngi.Connection");
			recording.start();
			try (Socket client = connect(listener)) {
				client.getOutputStream().write("sleep\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(client.getInputStream().readNBytes(6)).hasSize(6);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> this.ngi.loopStatistics().stream().noneMatch(LoopStatistics::isBlocked)
							&& this.ngi.loopStatistics().stream().anyMatch((s) -> s.blockedEpisodes() == 1));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> listener.connections().isEmpty());
			recording.stop();
			recording.dump(file);
		}
		List<RecordedEvent> events = RecordingFile.readAllEvents(file);
		RecordedEvent blocked = events.stream()
			.filter((e) -> e.getEventType().getName().equals("io.ngi.LoopBlocked"))
			.findFirst()
			.orElseThrow();
		assertThat(blocked.getString("loop")).startsWith("blocked-");
		assertThat(blocked.getString("blockedBy")).contains(Sleeper.class.getName());
		assertThat(blocked.getDuration("blockedFor")).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
		assertThat(blocked.getString("loopStack")).contains("Sleeper.handleInput");
		RecordedEvent connection = events.stream()
			.filter((e) -> e.getEventType().getName().equals("io.ngi.Connection"))
			.findFirst()
			.orElseThrow();
		assertThat(connection.getString("listener")).isEqualTo(listener.address().toString());
		assertThat(connection.getString("peer")).startsWith("/127.0.0.1:");
		assertThat(connection.getLong("bytesIn")).isEqualTo(6);
		assertThat(connection.getLong("bytesOut")).isEqualTo(6);
		assertThat(connection.getString("closeKind")).isIn("PEER_CLOSED", "CLOSED_BY_THIS_SIDE");
		assertThat(connection.getDuration("lifetime")).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
	}

	@Test
	void theDefaultRecordingSettingsRecordTheConnectionEvent(@TempDir Path directory) throws Exception {
		// What jcmd <pid> JFR.start records: the "default" configuration, which does not
		// name NGI's events, so their own defaults (enabled) apply.
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler(new Sleeper()));
		Path file = directory.resolve("default.jfr");
		try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
			recording.start();
			try (Socket client = connect(listener)) {
				assertThat(echo(client, "ping")).isEqualTo("ping");
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> listener.connections().isEmpty());
			recording.stop();
			recording.dump(file);
		}
		assertThat(RecordingFile.readAllEvents(file))
			.anyMatch((event) -> event.getEventType().getName().equals("io.ngi.Connection"));
	}

	private static List<ILoggingEvent> warnings(LogCapture log) {
		return log.events(Level.WARN).stream().filter((e) -> e.getFormattedMessage().contains("blocked for")).toList();
	}

	private static Socket connect(Listener listener) throws Exception {
		InetSocketAddress address = (InetSocketAddress) listener.address();
		Socket socket = new Socket(address.getAddress(), address.getPort());
		socket.setSoTimeout(10_000);
		return socket;
	}

	/** Connects until a connection lands on another loop than {@code first}'s. */
	private Socket onOtherLoop(Listener listener, Socket first) throws Exception {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.loopOf.containsKey(first.getLocalSocketAddress().toString()));
		String firstLoop = this.loopOf.get(first.getLocalSocketAddress().toString());
		for (int i = 0; i < 4; i++) {
			Socket candidate = connect(listener);
			String key = candidate.getLocalSocketAddress().toString();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.loopOf.containsKey(key));
			if (!this.loopOf.get(key).equals(firstLoop)) {
				return candidate;
			}
			candidate.close();
		}
		throw new IllegalStateException("no connection landed on another loop");
	}

	private static String echo(Socket socket, String text) throws Exception {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		return new String(in.readNBytes(text.length()), StandardCharsets.US_ASCII);
	}

}
