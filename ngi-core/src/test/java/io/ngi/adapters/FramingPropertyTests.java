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

package io.ngi.adapters;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.ngi.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the points at which the byte stream is cut, the adapters deliver exactly the
 * messages that were framed, in order.
 * <p>
 * A property test over seeded random cases: each case is its own dynamic test named by
 * its seed, so a failure is reproduced by the seed alone. Set
 * {@code ngi.test.propertyTries} for a longer run.
 */
class FramingPropertyTests {

	private static final int TRIES = Integer.getInteger("ngi.test.propertyTries", 300);

	@TestFactory
	Stream<DynamicTest> sizedDeliversTheOriginalMessagesWhereverTheStreamIsCut() {
		return cases((random) -> {
			List<byte[]> messages = messages(random, false);
			CapturingConnection sender = new CapturingConnection();
			Sized framing = new Sized(sender);
			for (byte[] message : messages) {
				framing.write(message);
			}
			byte[] stream = sender.written.toByteArray();
			List<byte[]> received = feed(new Sized(new CapturingConnection()), stream, cuts(random, stream.length));
			assertThat(received).containsExactlyElementsOf(messages);
		});
	}

	@TestFactory
	Stream<DynamicTest> sizedWriteLinesFramesLikeWrite() {
		return cases((random) -> {
			List<byte[]> messages = messages(random, false);
			CapturingConnection one = new CapturingConnection();
			messages.forEach(new Sized(one)::write);
			CapturingConnection lazy = new CapturingConnection();
			new Sized(lazy).writeLines(messages);
			ByteArrayOutputStream pulled = new ByteArrayOutputStream();
			lazy.writeLines.forEach((iterable) -> iterable.forEach(pulled::writeBytes));
			assertThat(pulled.toByteArray()).isEqualTo(one.written.toByteArray());
		});
	}

	@TestFactory
	Stream<DynamicTest> linesDeliversTheOriginalLinesWhereverTheStreamIsCut() {
		return cases((random) -> {
			List<byte[]> lines = messages(random, true);
			ByteArrayOutputStream stream = new ByteArrayOutputStream();
			for (byte[] line : lines) {
				stream.writeBytes(line);
				stream.write('\n');
			}
			byte[] bytes = stream.toByteArray();
			List<byte[]> received = feed(new Lines(new CapturingConnection()), bytes, cuts(random, bytes.length));
			assertThat(received).containsExactlyElementsOf(lines);
		});
	}

	private static Stream<DynamicTest> cases(Case check) {
		long base = Long.getLong("ngi.test.propertySeed", 0x6e6769L);
		return LongStream.range(base, base + TRIES)
			.mapToObj((seed) -> DynamicTest.dynamicTest("seed " + seed, () -> check.run(new Random(seed))));
	}

	/**
	 * Up to 20 messages of up to 300 random bytes; small sizes (0 and 1) are frequent.
	 */
	private static List<byte[]> messages(Random random, boolean withoutNewlines) {
		List<byte[]> messages = new ArrayList<>();
		int count = random.nextInt(21);
		for (int i = 0; i < count; i++) {
			int size = random.nextBoolean() ? random.nextInt(3) : random.nextInt(301);
			byte[] message = new byte[size];
			random.nextBytes(message);
			if (withoutNewlines) {
				for (int j = 0; j < size; j++) {
					if (message[j] == '\n') {
						message[j] = '\r';
					}
				}
			}
			messages.add(message);
		}
		return messages;
	}

	/**
	 * Up to 40 cut points, sometimes one every byte.
	 */
	private static List<Integer> cuts(Random random, int length) {
		List<Integer> cuts = new ArrayList<>();
		if (random.nextInt(10) == 0) {
			for (int i = 1; i < length; i++) {
				cuts.add(i);
			}
			return cuts;
		}
		int count = random.nextInt(41);
		for (int i = 0; i < count && length > 0; i++) {
			cuts.add(random.nextInt(length + 1));
		}
		return cuts;
	}

	private static List<byte[]> feed(AbstractAdapter adapter, byte[] stream, List<Integer> cuts) throws Exception {
		List<byte[]> received = new ArrayList<>();
		adapter.setHandler((connection, data) -> received.add(data));
		Connection wrapped = adapter.connection();
		TreeSet<Integer> points = new TreeSet<>();
		for (int cut : cuts) {
			if (cut > 0 && cut < stream.length) {
				points.add(cut);
			}
		}
		points.add(stream.length);
		int start = 0;
		for (int point : points) {
			if (point > start) {
				adapter.handleInput(wrapped, Arrays.copyOfRange(stream, start, point));
				start = point;
			}
		}
		return received;
	}

	@FunctionalInterface
	private interface Case {

		void run(Random random) throws Exception;

	}

}
