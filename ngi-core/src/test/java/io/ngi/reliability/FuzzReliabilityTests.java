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

package io.ngi.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.adapters.Lines;
import io.ngi.adapters.Sized;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzing: {@link Lines} and {@link Sized} (with small limits, 256 and 1,024 bytes) fed
 * seeded random inputs cut into random chunks: valid streams, streams with too-long lines
 * or too-large lengths, keep-alives, and plain noise. Each case is checked against an
 * oracle: exactly the messages the oracle finds are delivered, none is longer than the
 * limit, and the only close is the documented one ("line too long", "frame too large"),
 * exactly when the oracle says, and in the very input chunk that holds the first byte
 * over the limit (so nothing past the limit is buffered or waited for). No case may hang.
 * A failure names its seed. CI: 20,000 inputs per adapter; full: 1,000,000
 * ({@code -Dngi.reliability.fuzz=N}).
 */
class FuzzReliabilityTests {

	private static final int MAX_LINE = 256;

	private static final int MAX_FRAME = 1024;

	@Test
	void linesDeliversExactlyTheValidLinesOfRandomInputAndOnlyClosesForLineTooLong() {
		int inputs = Scale.count("fuzz", 20_000, 1_000_000);
		long closes = assertTimeoutPreemptively(Duration.ofMinutes(Scale.full() ? 30 : 2), () -> {
			long closed = 0;
			for (long seed = 0; seed < inputs; seed++) {
				closed += fuzzLines(seed) ? 1 : 0;
			}
			return closed;
		});
		Scale.report("fuzz Lines", inputs + " random inputs, " + closes + " closed with \"line too long\"");
		assertThat(closes).isPositive().isLessThan(inputs);
	}

	@Test
	void sizedDeliversExactlyTheValidFramesOfRandomInputAndOnlyClosesForFrameTooLarge() {
		int inputs = Scale.count("fuzz", 20_000, 1_000_000);
		long closes = assertTimeoutPreemptively(Duration.ofMinutes(Scale.full() ? 30 : 2), () -> {
			long closed = 0;
			for (long seed = 0; seed < inputs; seed++) {
				closed += fuzzSized(seed) ? 1 : 0;
			}
			return closed;
		});
		Scale.report("fuzz Sized", inputs + " random inputs, " + closes + " closed with \"frame too large\"");
		assertThat(closes).isPositive().isLessThan(inputs);
	}

	/** Returns whether the case closed. */
	private static boolean fuzzLines(long seed) throws Exception {
		Random random = new Random(seed);
		byte[] input = linesInput(random);
		FuzzConnection connection = new FuzzConnection();
		Recorder app = new Recorder();
		new Lines(connection, MAX_LINE).setHandler(app);
		int[] closedIn = feed(connection, input, random);
		List<byte[]> expected = new ArrayList<>();
		boolean tooLong = false;
		int start = 0;
		for (int i = 0; i <= input.length; i++) {
			if (i - start > MAX_LINE) {
				tooLong = true;
				checkClosedAt(seed, closedIn, i - 1);
				break;
			}
			if (i < input.length && input[i] == '\n') {
				expected.add(Arrays.copyOfRange(input, start, i));
				start = i + 1;
			}
		}
		check(seed, app, expected, tooLong ? Lines.LINE_TOO_LONG : null, connection);
		assertThat(closedIn == null).as("closed, seed %d", seed).isEqualTo(!tooLong);
		return tooLong;
	}

	/** Returns whether the case closed. */
	private static boolean fuzzSized(long seed) throws Exception {
		Random random = new Random(seed);
		byte[] input = sizedInput(random);
		FuzzConnection connection = new FuzzConnection();
		Recorder app = new Recorder();
		new Sized(connection, MAX_FRAME).setHandler(app);
		int[] closedIn = feed(connection, input, random);
		List<byte[]> expected = new ArrayList<>();
		boolean tooLarge = false;
		ByteBuffer buffer = ByteBuffer.wrap(input);
		while (buffer.remaining() >= 4) {
			long length = Integer.toUnsignedLong(buffer.getInt());
			if (length == 0xFFFFFFFFL) {
				continue;
			}
			if (length > MAX_FRAME) {
				tooLarge = true;
				checkClosedAt(seed, closedIn, buffer.position() - 1);
				break;
			}
			if (buffer.remaining() < length) {
				break;
			}
			byte[] payload = new byte[(int) length];
			buffer.get(payload);
			expected.add(payload);
		}
		check(seed, app, expected, tooLarge ? Sized.FRAME_TOO_LARGE : null, connection);
		assertThat(closedIn == null).as("closed, seed %d", seed).isEqualTo(!tooLarge);
		return tooLarge;
	}

	/**
	 * Feeds the input in random chunks while the connection is open; returns the
	 * {@code [start, end)} of the chunk during which it closed, or {@code null}.
	 */
	private static int @Nullable [] feed(FuzzConnection connection, byte[] input, Random random) throws Exception {
		ConnectionHandler adapter = connection.handler();
		int position = 0;
		while (position < input.length) {
			int chunk = Math.min(input.length - position,
					random.nextBoolean() ? 1 + random.nextInt(8) : 1 + random.nextInt(2048));
			adapter.handleInput(connection, Arrays.copyOfRange(input, position, position + chunk));
			if (!connection.isOpen()) {
				return new int[] { position, position + chunk };
			}
			position += chunk;
		}
		return null;
	}

	/**
	 * Checks that the close came in the chunk holding byte {@code overflow}, the first
	 * byte that shows the limit is exceeded: nothing past the limit was waited for.
	 */
	private static void checkClosedAt(long seed, int @Nullable [] closedIn, int overflow) {
		assertThat(closedIn).as("closing chunk of seed %d", seed).isNotNull();
		assertThat(overflow).as("overflow byte within the closing chunk %s, seed %d", Arrays.toString(closedIn), seed)
			.isGreaterThanOrEqualTo(closedIn[0])
			.isLessThan(closedIn[1]);
	}

	private static void check(long seed, Recorder app, List<byte[]> expected, @Nullable String reason,
			FuzzConnection connection) {
		assertThat(app.messages).as("messages of seed %d", seed).containsExactlyElementsOf(expected);
		assertThat(app.reasons).as("close reasons of seed %d", seed)
			.isEqualTo((reason != null) ? List.of(reason) : List.of());
		assertThat(connection.isOpen()).as("wrapped connection open, seed %d", seed).isEqualTo(reason == null);
		assertThat(connection.written).as("bytes written, seed %d", seed).isZero();
	}

	private static byte[] linesInput(Random random) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int parts = random.nextInt(20);
		for (int p = 0; p < parts; p++) {
			int kind = random.nextInt(10);
			int length = (kind == 0) ? MAX_LINE + 1 + random.nextInt(3 * MAX_LINE)
					: (kind == 1) ? MAX_LINE - 1 + random.nextInt(3) : random.nextInt(64);
			for (int i = 0; i < length; i++) {
				int b = random.nextInt(256);
				out.write((b == '\n' && kind != 9) ? 'x' : b);
			}
			if (random.nextInt(20) != 0) {
				out.write('\n');
			}
		}
		return out.toByteArray();
	}

	private static byte[] sizedInput(Random random) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int parts = random.nextInt(20);
		for (int p = 0; p < parts; p++) {
			int kind = random.nextInt(20);
			if (kind == 0) {
				byte[] noise = new byte[random.nextInt(64)];
				random.nextBytes(noise);
				out.writeBytes(noise);
			}
			else if (kind == 1) {
				out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
			}
			else if (kind == 2) {
				out.writeBytes(ByteBuffer.allocate(4)
					.putInt(MAX_FRAME + 1 + random.nextInt(Integer.MAX_VALUE - MAX_FRAME))
					.array());
			}
			else {
				int length = (kind == 3) ? MAX_FRAME : random.nextInt(128);
				byte[] payload = new byte[length];
				random.nextBytes(payload);
				out.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
				out.write(payload, 0, (random.nextInt(30) == 0) ? random.nextInt(length + 1) : length);
			}
		}
		return out.toByteArray();
	}

	/** The application handler under an adapter: records messages and close reasons. */
	private static final class Recorder implements ConnectionHandler {

		final List<byte[]> messages = new ArrayList<>();

		final List<String> reasons = new ArrayList<>();

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.messages.add(data);
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			this.reasons.add(reason);
		}

	}

}
