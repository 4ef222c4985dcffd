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

package io.ngi.sample.finger;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Server;

/**
 * The tutorial's finger setter: each line {@code user status...} sets a user's status in
 * the {@link FingerUsers} that {@code finger} answers from, and is answered {@code ok}.
 * No access control (as in the tutorial): the sample binds it to 127.0.0.1 only.
 *
 * <pre>
 * client: alice Gone fishing\r\n    server: ok\r\n
 * client: alice\r\n                 server: error: expected "&lt;user&gt; &lt;status&gt;"\r\n
 * client: (an empty line)          (ignored)
 * </pre>
 * <p>
 * Lines end with CRLF or LF. A bad line is answered with an {@code error:} line and the
 * connection stays open; a line over the limit, or one that is not text, is answered with
 * a refusal and closed. One instance serves every connection and is thread-safe.
 */
final class FingerSetter implements Server {

	private static final Logger logger = LoggerFactory.getLogger(FingerSetter.class);

	private final FingerUsers users;

	private final int maxLineLength;

	/**
	 * Creates the setter, with each connection's line limit from its listener
	 * ({@code ngi.servers.<name>.max-line-length}, which reaches
	 * {@link Connection#frameLimits()}).
	 * @param users the users to set
	 */
	FingerSetter(FingerUsers users) {
		this.users = Objects.requireNonNull(users, "users");
		this.maxLineLength = 0;
	}

	/**
	 * Creates the setter with a line limit of its own.
	 * @param users the users to set
	 * @param maxLineLength the longest line accepted, in bytes, without its CRLF
	 */
	FingerSetter(FingerUsers users, int maxLineLength) {
		this.users = Objects.requireNonNull(users, "users");
		if (maxLineLength <= 0) {
			throw new IllegalArgumentException("maxLineLength must be > 0: " + maxLineLength);
		}
		this.maxLineLength = maxLineLength;
	}

	/**
	 * Sets a handler of its own on the new connection. Called by the implementation on
	 * the connection's loop thread.
	 * @param connection the accepted connection
	 */
	@Override
	public void connected(Connection connection) {
		LineBuffer line = new LineBuffer(
				(this.maxLineLength > 0) ? this.maxLineLength : connection.frameLimits().maxLineLength());
		connection.setHandler(new ConnectionHandler() {

			@Override
			public void handleInput(Connection connection, byte[] data) {
				int start = 0;
				try {
					while (start < data.length && connection.isOpen()) {
						int end = line.append(data, start);
						if (end < 0) {
							return;
						}
						start = end;
						set(connection, line.takeLine());
					}
				}
				catch (LineBuffer.RefusedLineException ex) {
					logger.info("finger-setter: {} sent a line that is {} ({}); refused", connection.peerAddress(),
							ex.answer(), ex.getMessage());
					connection.write("error: line " + ex.answer() + " refused\r\n");
					connection.close();
				}
			}

			@Override
			public void handleClose(Connection connection, CloseReason reason) {
				if (line.pending() > 0) {
					logger.info("finger-setter: {} left in the middle of a line, after {} bytes: {}",
							connection.peerAddress(), line.pending(), reason.text());
				}
			}

		});
	}

	private void set(Connection connection, String line) {
		String text = line.strip();
		if (text.isEmpty()) {
			return;
		}
		int space = indexOfWhitespace(text);
		if (space < 0) {
			connection.write("error: expected \"<user> <status>\"\r\n");
			return;
		}
		String user = text.substring(0, space);
		String status = text.substring(space + 1).strip();
		if (!FingerUsers.isValidName(user)) {
			connection.write("error: a user name is 1 to 32 letters, digits, '.', '_' or '-'\r\n");
			return;
		}
		if (!this.users.set(user, status)) {
			connection.write("error: " + FingerUsers.MAX_SET_USERS + " users set already\r\n");
			return;
		}
		logger.info("finger-setter: {} set the status of {}", connection.peerAddress(), user);
		connection.write("ok\r\n");
	}

	private static int indexOfWhitespace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

}
