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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The echo servers the harness compares; the first one is the baseline ratios refer to.
 */
enum ServerKind {

	NETTY("netty", "Netty 4.2 NIO, 1 loop") {
		@Override
		EchoServer start(boolean tls) throws Exception {
			return NettyEchoServer.start(tls);
		}
	},

	NGI_NIO("ngi-nio", "NGI NIO, event handler, 1 loop") {
		@Override
		EchoServer start(boolean tls) {
			return NgiEchoServer.start(false, Duration.ZERO, tls);
		}
	},

	NGI_NIO_UNWATCHED("ngi-nio-unwatched", "NGI NIO, event handler, no blocked-loop detection, 1 loop") {
		@Override
		EchoServer start(boolean tls) {
			return NgiEchoServer.start(false, Duration.ZERO, tls, Duration.ZERO);
		}
	},

	NGI_NIO_IDLE("ngi-nio-idle", "NGI NIO, event handler, 30 s idle timeout, 1 loop") {
		@Override
		EchoServer start(boolean tls) {
			return NgiEchoServer.start(false, Duration.ofSeconds(30), tls);
		}
	},

	NGI_IMPERATIVE("ngi-imperative", "NGI NIO, imperative handler, 1 loop") {
		@Override
		EchoServer start(boolean tls) {
			return NgiEchoServer.start(true, Duration.ZERO, tls);
		}

		@Override
		boolean hasUdp() {
			return false;
		}
	},

	BLOCKING("blocking", "blocking, thread per connection") {
		@Override
		EchoServer start(boolean tls) throws Exception {
			if (tls) {
				throw new IllegalArgumentException("the blocking server has no TLS");
			}
			return BlockingEchoServer.start();
		}

		@Override
		boolean hasTls() {
			return false;
		}
	};

	private final String id;

	private final String label;

	ServerKind(String id, String label) {
		this.id = id;
		this.label = label;
	}

	String id() {
		return this.id;
	}

	String label() {
		return this.label;
	}

	/**
	 * Starts the server.
	 * @param tls whether its TCP echo speaks TLS ({@code /tls/server.p12}, JDK provider)
	 * @return the running server
	 * @throws Exception if it cannot start
	 */
	abstract EchoServer start(boolean tls) throws Exception;

	boolean hasUdp() {
		return true;
	}

	boolean hasTls() {
		return true;
	}

	static ServerKind of(String id) {
		for (ServerKind kind : values()) {
			if (kind.id.equals(id.toLowerCase(Locale.ROOT))) {
				return kind;
			}
		}
		throw new IllegalArgumentException("server must be one of " + ids() + ": " + id);
	}

	static List<ServerKind> parseList(String ids) {
		return Arrays.stream(ids.split(","))
			.map(String::trim)
			.filter((s) -> !s.isEmpty())
			.map(ServerKind::of)
			.collect(Collectors.toList());
	}

	static String ids() {
		return Arrays.stream(values()).map(ServerKind::id).collect(Collectors.joining(","));
	}

}
