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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OutputQueue}: whatever the socket takes each time, the bytes go out exactly once
 * and in order.
 */
class OutputQueueTests {

	private static byte[] bytes(int from, int length) {
		byte[] data = new byte[length];
		for (int i = 0; i < length; i++) {
			data[i] = (byte) (from + i);
		}
		return data;
	}

	@Test
	void partialWritesResumeExactlyWhereTheyStopped() {
		for (long seed = 0; seed < 200; seed++) {
			Random random = new Random(seed);
			OutputQueue queue = new OutputQueue();
			ByteArrayOutputStream expected = new ByteArrayOutputStream();
			int next = 0;
			for (int i = 0; i < 20; i++) {
				if (random.nextInt(4) == 0) {
					byte[] a = bytes(next, 1 + random.nextInt(30));
					next += a.length;
					byte[] b = bytes(next, 1 + random.nextInt(30));
					next += b.length;
					expected.writeBytes(a);
					expected.writeBytes(b);
					queue.add(new LinesSource(List.of(a, new byte[0], b).iterator()));
				}
				else {
					byte[] data = bytes(next, 1 + random.nextInt(50));
					next += data.length;
					expected.writeBytes(data);
					queue.add(data);
				}
			}
			queue.add(OutputQueue.CLOSE);
			ByteArrayOutputStream sent = new ByteArrayOutputStream();
			ByteBuffer buffer = ByteBuffer.allocate(1 + random.nextInt(64));
			int rounds = 0;
			while (queue.first() != OutputQueue.CLOSE) {
				while (queue.first() instanceof LinesSource lines && lines.isDrained()) {
					queue.removeFirst();
				}
				if (queue.first() == OutputQueue.CLOSE) {
					break;
				}
				buffer.clear();
				queue.gather(buffer);
				buffer.flip();
				int taken = random.nextInt(buffer.remaining() + 1);
				byte[] chunk = new byte[taken];
				buffer.get(chunk);
				sent.writeBytes(chunk);
				queue.consume(taken);
				assertThat(rounds++).isLessThan(100_000);
			}
			assertThat(sent.toByteArray()).as("seed %d", seed).isEqualTo(expected.toByteArray());
			assertThat(queue.size()).isEqualTo(1);
		}
	}

	@Test
	void gatherStopsAtAnUnfinishedWriteLinesSource() {
		OutputQueue queue = new OutputQueue();
		queue.add(bytes(0, 3));
		queue.add(new LinesSource(List.of(bytes(3, 100)).iterator()));
		queue.add(bytes(103, 3));
		ByteBuffer buffer = ByteBuffer.allocate(50);
		assertThat(queue.gather(buffer)).isEqualTo(100);
		assertThat(buffer.position()).isEqualTo(50);
	}

}
