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
	TCP("tcp", "TCP echo"),

	/** Closed-loop UDP echo: messages per second and latency. */
	UDP("udp", "UDP echo"),

	/** Pipelined TCP flood: messages per second and the server's resident memory. */
	FLOOD("flood", "TCP flood"),

	/** Many idle TCP connections: server heap per connection. */
	IDLE("idle", "idle connections");

	private final String id;

	private final String label;

	Mode(String id, String label) {
		this.id = id;
		this.label = label;
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
