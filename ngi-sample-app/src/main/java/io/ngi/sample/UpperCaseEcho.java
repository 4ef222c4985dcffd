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

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Server;
import io.ngi.adapters.Lines;

/**
 * The seed's echo server, line based: each line received is sent back upper-cased (ASCII
 * letters only, other bytes unchanged) and ended with {@code '\n'}.
 * <p>
 * Every connection gets a {@link Lines} adapter with the listener's line limit
 * ({@code ngi.servers.<name>.max-line-length}, which reaches
 * {@code new Lines(connection)} without code) or an explicit one; a client that sends a
 * longer line is disconnected, and the close is logged. Instances are immutable and
 * thread-safe; one serves every connection.
 *
 * {@snippet :
 * TestConnection connection = new TestConnection();
 * new UpperCaseEcho(1024).connected(connection);
 * connection.peer().write("hello out there\n");
 * // connection.peer().output() is "-> 'HELLO OUT THERE\n'"
 * }
 */
final class UpperCaseEcho implements Server {

	private static final Logger logger = LoggerFactory.getLogger(UpperCaseEcho.class);

	private final int maxLineLength;

	/**
	 * Creates the server, with each connection's line limit from its listener.
	 */
	UpperCaseEcho() {
		this.maxLineLength = 0;
	}

	/**
	 * Creates the server with a line limit of its own.
	 * @param maxLineLength the longest line accepted, in bytes, without its {@code '\n'}
	 */
	UpperCaseEcho(int maxLineLength) {
		if (maxLineLength <= 0) {
			throw new IllegalArgumentException("maxLineLength must be > 0: " + maxLineLength);
		}
		this.maxLineLength = maxLineLength;
	}

	/**
	 * Wraps the new connection in a {@link Lines} adapter and sets the echo handler.
	 * Called by the implementation on the connection's loop thread.
	 * @param connection the accepted connection
	 */
	@Override
	public void connected(Connection connection) {
		Objects.requireNonNull(connection, "connection");
		Lines lines = (this.maxLineLength > 0) ? new Lines(connection, this.maxLineLength) : new Lines(connection);
		lines.setHandler(new Handler(lines.maxLineLength()));
	}

	/**
	 * Returns {@code line} upper-cased, ASCII letters only, followed by {@code '\n'}.
	 * @param line a line without its {@code '\n'}
	 * @return a new array
	 */
	static byte[] upperCaseLine(byte[] line) {
		byte[] result = new byte[line.length + 1];
		for (int i = 0; i < line.length; i++) {
			byte b = line[i];
			result[i] = (b >= 'a' && b <= 'z') ? (byte) (b - ('a' - 'A')) : b;
		}
		result[line.length] = '\n';
		return result;
	}

	private static final class Handler implements ConnectionHandler {

		private final int maxLineLength;

		Handler(int maxLineLength) {
			this.maxLineLength = maxLineLength;
		}

		@Override
		public void handleInput(Connection connection, byte[] line) {
			connection.write(upperCaseLine(line));
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			if (Lines.LINE_TOO_LONG.equals(reason)) {
				logger.info("echo: {} sent a line over {} bytes; connection closed", connection.peerAddress(),
						this.maxLineLength);
			}
			else {
				logger.debug("echo: {} closed: {}", connection.peerAddress(), reason);
			}
		}

	}

}
