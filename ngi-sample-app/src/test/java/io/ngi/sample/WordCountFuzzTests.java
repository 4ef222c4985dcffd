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

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.ngi.Cancellable;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzing the word-count protocol (issue 8): seeded random inputs, cut into random
 * chunks, of valid requests (lengths up to the limit, text with any bytes), ended
 * sometimes by a cut-off request, sometimes by one bad element (a length that is not a
 * number, a length line too long, a length over the limit) followed by noise. The answers
 * must be exactly those of the valid requests, then, after a bad element, one documented
 * {@code error:} line and a close, and nothing else; no case may hang. A failure names
 * its seed. CI: 20,000 inputs; full: 1,000,000 ({@code -Dngi.reliability.fuzz=N}).
 */
class WordCountFuzzTests {

	private static final int MAX_LENGTH = 200;

	private static final Pattern DOCUMENTED_ERROR = Pattern.compile("error: (length must be a number"
			+ "|length line longer than 20 bytes|length \\d+ is over the limit of " + MAX_LENGTH + " bytes)\n");

	@Test
	void randomInputGetsTheValidRequestsAnswersAndOnlyDocumentedErrors() {
		String configured = System.getProperty("ngi.reliability.fuzz");
		int inputs = (configured != null) ? Integer.parseInt(configured)
				: "full".equals(System.getProperty("ngi.reliability.scale")) ? 1_000_000 : 20_000;
		Logger logger = (Logger) LoggerFactory.getLogger(WordCount.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.WARN);
		try {
			long errors = assertTimeoutPreemptively(Duration.ofMinutes(30), () -> {
				long rejected = 0;
				for (long seed = 0; seed < inputs; seed++) {
					rejected += fuzz(seed) ? 1 : 0;
				}
				return rejected;
			});
			System.out.println("[reliability] fuzz WordCount: " + inputs + " random inputs, " + errors
					+ " answered with a documented error and closed");
			assertThat(errors).isPositive().isLessThan(inputs);
		}
		finally {
			logger.setLevel(level);
		}
	}

	/** Runs one case; returns whether it ended with an error. */
	private static boolean fuzz(long seed) throws Exception {
		Random random = new Random(seed);
		ByteArrayOutputStream input = new ByteArrayOutputStream();
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		int requests = random.nextInt(8);
		for (int r = 0; r < requests; r++) {
			byte[] text = new byte[random.nextInt(MAX_LENGTH + 1)];
			random.nextBytes(text);
			input
				.writeBytes((text.length + (random.nextBoolean() ? "\r\n" : "\n")).getBytes(StandardCharsets.US_ASCII));
			input.writeBytes(text);
			expected.writeBytes(WordCounts.answer(text));
		}
		int ending = random.nextInt(5);
		boolean bad = ending >= 2;
		if (ending == 1) {
			byte[] text = new byte[1 + random.nextInt(MAX_LENGTH)];
			random.nextBytes(text);
			input.writeBytes((text.length + "\n").getBytes(StandardCharsets.US_ASCII));
			input.write(text, 0, random.nextInt(text.length));
		}
		else if (ending == 2) {
			input.writeBytes(("1" + (char) ('a' + random.nextInt(26)) + "\n").getBytes(StandardCharsets.US_ASCII));
		}
		else if (ending == 3) {
			input.writeBytes("1".repeat(21 + random.nextInt(40)).getBytes(StandardCharsets.US_ASCII));
		}
		else if (ending == 4) {
			input.writeBytes(((MAX_LENGTH + 1 + random.nextInt(1_000_000)) + "\n").getBytes(StandardCharsets.US_ASCII));
		}
		if (bad) {
			byte[] noise = new byte[random.nextInt(300)];
			random.nextBytes(noise);
			input.writeBytes(noise);
		}
		byte[] bytes = input.toByteArray();
		FuzzConnection connection = new FuzzConnection();
		WordCount.server(MAX_LENGTH).connected(connection);
		ConnectionHandler handler = connection.handler;
		assertThat(handler).isNotNull();
		int position = 0;
		while (position < bytes.length && connection.open) {
			int chunk = Math.min(bytes.length - position,
					random.nextBoolean() ? 1 + random.nextInt(8) : 1 + random.nextInt(1024));
			handler.handleInput(connection, Arrays.copyOfRange(bytes, position, position + chunk));
			position += chunk;
		}
		byte[] answers = expected.toByteArray();
		byte[] output = connection.output.toByteArray();
		assertThat(Arrays.copyOf(output, Math.min(output.length, answers.length))).as("answers of seed %d", seed)
			.isEqualTo(answers);
		String rest = new String(output, answers.length, output.length - answers.length, StandardCharsets.ISO_8859_1);
		if (bad) {
			assertThat(rest).as("error of seed %d", seed).matches(DOCUMENTED_ERROR);
		}
		else {
			assertThat(rest).as("output after the answers, seed %d", seed).isEmpty();
		}
		assertThat(connection.open).as("open, seed %d", seed).isEqualTo(!bad);
		return bad;
	}

	/** A connection without a socket: records output and close. One thread. */
	private static final class FuzzConnection implements Connection {

		final ByteArrayOutputStream output = new ByteArrayOutputStream();

		@Nullable ConnectionHandler handler;

		boolean open = true;

		@Override
		public void write(byte[] data) {
			if (!this.open) {
				throw new IllegalStateException("write after close");
			}
			this.output.writeBytes(data);
		}

		@Override
		public void writeLines(Iterable<byte[]> data) {
			data.forEach(this::write);
		}

		@Override
		public void close() {
			this.open = false;
		}

		@Override
		public void setHandler(ConnectionHandler handler) {
			this.handler = handler;
		}

		@Override
		public boolean isOpen() {
			return this.open;
		}

		@Override
		public SocketAddress peerAddress() {
			return InetSocketAddress.createUnresolved("fuzzer", 1);
		}

		@Override
		public @Nullable Listener listener() {
			return null;
		}

		@Override
		public void shutdownOutput() {
		}

		@Override
		public boolean isWritable() {
			return isOpen();
		}

		@Override
		public Cancellable schedule(Duration delay, Runnable task) {
			throw new UnsupportedOperationException("schedule");
		}

		@Override
		public void pauseReading() {
		}

		@Override
		public void resumeReading() {
		}

	}

}
