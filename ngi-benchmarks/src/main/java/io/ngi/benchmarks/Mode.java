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

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a run measures.
 */
enum Mode {

	/** Closed-loop TCP echo: messages per second and latency. */
	TCP("tcp", "TCP echo", "msg", 1),

	/** Closed-loop UDP echo: messages per second and latency. */
	UDP("udp", "UDP echo", "msg", 1),

	/** Pipelined TCP flood: messages per second and the server's resident memory. */
	FLOOD("flood", "TCP flood", "msg", 1),

	/** Many idle TCP connections: server heap per connection. */
	IDLE("idle", "idle connections", "conn", 1),

	/**
	 * Bulk transfers: each connection sends {@code bulkBytes} (1 MiB), reads them back,
	 * and starts again: MiB/s echoed, latency of a whole transfer.
	 */
	BULK("bulk", "bulk transfer", "MiB", 1024 * 1024),

	/**
	 * Connection churn: each of {@code handshakeConnections} slots connects, completes
	 * the handshake (TLS), echoes one message and closes, over and over: connections per
	 * second, latency from connect to the echo.
	 */
	HANDSHAKE("handshake", "handshakes", "handshake", 1);

	private final String id;

	private final String label;

	private final String unit;

	private final double unitSize;

	Mode(String id, String label, String unit, double unitSize) {
		this.id = id;
		this.label = label;
		this.unit = unit;
		this.unitSize = unitSize;
	}

	/**
	 * Returns what the rate counts, per second.
	 * @return {@code msg}, {@code MiB} or {@code handshake}
	 */
	String unit() {
		return this.unit;
	}

	/**
	 * Returns how many counted items (the {@link Measurement#messages()}: bytes for bulk)
	 * make one {@link #unit()}.
	 * @return the divisor
	 */
	double unitSize() {
		return this.unitSize;
	}

	/**
	 * Returns whether the mode runs over TLS with {@code --tls}.
	 * @return whether it has a TLS variant
	 */
	boolean hasTls() {
		return this == TCP || this == BULK || this == HANDSHAKE;
	}

	String id() {
		return this.id;
	}

	String label() {
		return this.label;
	}

	static List<Mode> parseList(String ids) {
		return Arrays.stream(ids.split(","))
			.map(String::trim)
			.filter((s) -> !s.isEmpty())
			.map(Mode::of)
			.collect(Collectors.toList());
	}

	static Mode of(String id) {
		for (Mode mode : values()) {
			if (mode.id.equals(id.toLowerCase(Locale.ROOT))) {
				return mode;
			}
		}
		throw new IllegalArgumentException("mode must be one of "
				+ Arrays.stream(values()).map(Mode::id).collect(Collectors.joining(",")) + ": " + id);
	}

}
