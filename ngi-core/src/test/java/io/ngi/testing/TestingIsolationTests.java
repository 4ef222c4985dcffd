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

package io.ngi.testing;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ngi.Listener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chunking, merging and instance isolation, checked over many generated cases.
 */
class TestingIsolationTests {

	@Test
	void chunksWrittenBeforeSetHandlerArriveAsOneMergedInput() {
		Random random = new Random(42);
		for (int round = 0; round < 200; round++) {
			byte[] data = randomBytes(random, 1 + random.nextInt(300));
			TestConnection connection = new TestConnection();
			for (byte[] chunk : split(random, data)) {
				connection.peer().write(chunk);
			}
			List<byte[]> received = new ArrayList<>();
			connection.setHandler((c, input) -> received.add(input));
			assertThat(received).hasSize(1);
			assertThat(received.get(0)).isEqualTo(data);
		}
	}

	@Test
	void chunksWrittenAfterSetHandlerArriveUnchangedAndInOrder() {
		Random random = new Random(7);
		for (int round = 0; round < 200; round++) {
			byte[] data = randomBytes(random, 1 + random.nextInt(300));
			TestConnection connection = new TestConnection();
			List<byte[]> received = new ArrayList<>();
			connection.setHandler((c, input) -> received.add(input));
			List<byte[]> chunks = split(random, data);
			for (byte[] chunk : chunks) {
				connection.peer().write(chunk);
			}
			assertThat(received).containsExactlyElementsOf(chunks);
		}
	}

	@Test
	void separateInstancesInParallelThreadsDoNotInterfere() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int task = 0; task < 4; task++) {
				results.add(executor.submit(this::exchanges));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(500);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private int exchanges() {
		TestingImplementation implementation = new TestingImplementation();
		SocketAddress address = TestingImplementation.address("shared name");
		int ok = 0;
		for (int i = 0; i < 500; i++) {
			Listener listener = implementation.listen(address, (c) -> c.setHandler((x, data) -> x.write(data)));
			TestConnection client = implementation.connect(address);
			client.write("n" + i);
			if (client.output().equals("-> 'n" + i + "'")) {
				ok++;
			}
			listener.close();
		}
		implementation.assertNoOpenConnections();
		implementation.rethrowHandlerErrors();
		return ok;
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] data = new byte[length];
		random.nextBytes(data);
		return data;
	}

	private static List<byte[]> split(Random random, byte[] data) {
		List<byte[]> chunks = new ArrayList<>();
		int start = 0;
		while (start < data.length) {
			int end = Math.min(data.length, start + 1 + random.nextInt(40));
			ByteArrayOutputStream chunk = new ByteArrayOutputStream();
			chunk.write(data, start, end - start);
			chunks.add(chunk.toByteArray());
			start = end;
		}
		return chunks;
	}

}
