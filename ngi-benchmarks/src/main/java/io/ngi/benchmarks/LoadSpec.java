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

import java.time.Duration;

/**
 * The load one run applies: {@code connections} connections (or UDP sockets), each with
 * {@code window} messages of {@code size} bytes in flight, measured for {@code duration}
 * after {@code warmup}; flood mode keeps up to {@code floodWindowBytes} unanswered bytes
 * per connection; idle mode holds {@code idleConnections} connections.
 *
 * @param connections concurrent connections
 * @param window messages in flight per connection (closed loop)
 * @param size message size in bytes
 * @param warmup load applied before measuring
 * @param duration measured time
 * @param floodWindowBytes unanswered bytes per connection in flood mode
 * @param idleConnections connections held in idle mode
 * @param bulkConnections connections in bulk mode
 * @param bulkBytes bytes each bulk transfer sends and reads back
 * @param handshakeConnections connections being opened at once in handshake mode
 */
record LoadSpec(int connections, int window, int size, Duration warmup, Duration duration, int floodWindowBytes,
		int idleConnections, int bulkConnections, int bulkBytes, int handshakeConnections) {

	LoadSpec {
		check("connections", connections, 1);
		check("window", window, 1);
		check("size", size, 8);
		check("floodWindowBytes", floodWindowBytes, size);
		check("idleConnections", idleConnections, 1);
		check("bulkConnections", bulkConnections, 1);
		check("bulkBytes", bulkBytes, 1);
		check("handshakeConnections", handshakeConnections, 1);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("duration must be > 0: " + duration);
		}
		if (warmup.isNegative()) {
			throw new IllegalArgumentException("warmup must be >= 0: " + warmup);
		}
	}

	private static void check(String name, int value, int min) {
		if (value < min) {
			throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
		}
	}

}
