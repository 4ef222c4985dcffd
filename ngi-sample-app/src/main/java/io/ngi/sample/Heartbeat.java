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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Server;
import io.ngi.adapters.Lines;

/**
 * The sample's long-lived client: on each connection the {@code heartbeat} client makes,
 * it writes {@code "ping <n>\n"} at once and then every interval, and logs the lines the
 * upstream sends back (the sample's echo listener answers {@code "PING <n>"}; with
 * {@code nc -l 9000} as the upstream, whatever you type). The pings are timers of the
 * connection, so they stop with it; the client reconnects and they start again from 1.
 * <p>
 * One instance serves the client's connections, one at a time; the counters are
 * thread-safe.
 */
final class Heartbeat implements Server {

	private static final Logger logger = LoggerFactory.getLogger(Heartbeat.class);

	private final Duration interval;

	private final AtomicLong replies = new AtomicLong();

	private volatile @Nullable String lastReply;

	/**
	 * Creates the heartbeat.
	 * @param interval the time between pings, &gt; 0
	 */
	Heartbeat(Duration interval) {
		Objects.requireNonNull(interval, "interval");
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("interval must be > 0: " + interval);
		}
		this.interval = interval;
	}

	@Override
	public void connected(Connection connection) {
		logger.info("heartbeat connected to {}", connection.peerAddress());
		Lines lines = new Lines(connection);
		lines.setHandler(new ConnectionHandler() {

			@Override
			public void handleInput(Connection connection, byte[] line) {
				String reply = new String(line, StandardCharsets.UTF_8);
				Heartbeat.this.lastReply = reply;
				Heartbeat.this.replies.incrementAndGet();
				logger.debug("heartbeat reply: {}", reply);
			}

			@Override
			public void handleClose(Connection connection, CloseReason reason) {
				logger.info("heartbeat connection closed ({}); the client reconnects", reason);
			}

		});
		ping(lines, 1);
	}

	private void ping(Connection connection, long count) {
		connection.write("ping " + count + "\n");
		connection.schedule(this.interval, () -> ping(connection, count + 1));
	}

	/**
	 * Returns how many lines the upstreams sent back.
	 * @return the replies so far
	 */
	long replies() {
		return this.replies.get();
	}

	/**
	 * Returns the last line an upstream sent back.
	 * @return the line, or {@code null} if none came yet
	 */
	@Nullable String lastReply() {
		return this.lastReply;
	}

}
