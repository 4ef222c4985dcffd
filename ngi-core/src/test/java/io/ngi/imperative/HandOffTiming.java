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

package io.ngi.imperative;

/**
 * Times imperative hand-offs by hand (not a test: no timing assertions in tests). Run
 * with the test classpath: {@code java io.ngi.imperative.HandOffTiming [count]}.
 */
final class HandOffTiming {

	private HandOffTiming() {
	}

	public static void main(String[] args) throws Exception {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		byte[] data = { 1 };
		for (int round = 0; round < 5; round++) {
			RecordingConnection connection = new RecordingConnection();
			long[] received = new long[1];
			Imperative.handler((c, input) -> {
				while (true) {
					input.next();
					received[0]++;
				}
			}).connected(connection);
			io.ngi.ConnectionHandler handler = connection.handler();
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				handler.handleInput(connection, data);
			}
			long elapsed = System.nanoTime() - start;
			handler.handleClose(connection, "done");
			System.out.printf("round %d: %d hand-offs in %.1f ms, %.2f us each (virtual=%s, received=%d)%n", round,
					count, elapsed / 1e6, elapsed / 1e3 / count, BodyThreads.virtual(), received[0]);
		}
	}

}
