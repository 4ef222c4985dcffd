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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.Connection;
import io.ngi.adapters.Sized;
import io.ngi.imperative.ConnectionClosedException;
import io.ngi.imperative.Imperative;
import io.ngi.imperative.Input;

/**
 * The seed's word count over the {@link Sized} adapter, written as an imperative handler
 * (the seed's {@code wcadapted} generator): each request is one sized record (a 4-byte
 * big-endian length, then the text) and each answer is one sized record holding
 * {@code "<lines> <words>\n"}.
 *
 * <pre>
 * client: 00 00 00 0f "hello out\nthere"
 * server: 00 00 00 04 "2 3\n"
 * </pre>
 * <p>
 * A length over the limit makes the adapter close the connection ({@code "frame too
 * large"}); that, and a peer that leaves in the middle of a record, are logged.
 */
final class SizedWordCount {

	private static final Logger logger = LoggerFactory.getLogger(SizedWordCount.class);

	private static final int HEADER_LENGTH = 4;

	private SizedWordCount() {
	}

	/**
	 * Returns the server: an imperative handler over a {@link Sized} adapter whose limit
	 * is the connection's frame limit, its listener's
	 * {@code ngi.servers.<name>.max-frame-length}.
	 * @return the server, immutable and thread-safe
	 */
	static Imperative server() {
		return Imperative.handler((connection) -> new Sized(new CountingConnection(connection)), SizedWordCount::run);
	}

	/**
	 * Returns the server: an imperative handler over a {@link Sized} adapter.
	 * @param maxFrameLength the largest request accepted, in bytes
	 * @return the server, immutable and thread-safe
	 */
	static Imperative server(int maxFrameLength) {
		if (maxFrameLength < 0) {
			throw new IllegalArgumentException("maxFrameLength must be >= 0: " + maxFrameLength);
		}
		return Imperative.handler((connection) -> new Sized(new CountingConnection(connection), maxFrameLength),
				SizedWordCount::run);
	}

	private static void run(Connection connection, Input input) {
		// The adapter wraps the counting connection made above: received - consumed is
		// what the adapter holds of an unfinished record.
		CountingConnection counting = (CountingConnection) ((Sized) connection).connection();
		long consumed = 0;
		int answered = 0;
		while (true) {
			byte[] text;
			try {
				text = input.next();
			}
			catch (ConnectionClosedException ex) {
				logClose(connection, String.valueOf(ex.getMessage()), answered, counting.received() - consumed);
				return;
			}
			consumed += HEADER_LENGTH + text.length;
			connection.write(WordCounts.answer(text));
			answered++;
		}
	}

	private static void logClose(Connection connection, String reason, int answered, long unfinished) {
		if (Sized.FRAME_TOO_LARGE.equals(reason)) {
			logger.info("wc-sized: {} sent a frame over the limit; connection closed after {} answers",
					connection.peerAddress(), answered);
		}
		else if (unfinished > 0) {
			logger.info("wc-sized: {} closed mid-message, {} bytes into a record, after {} answers: {}",
					connection.peerAddress(), unfinished, answered, reason);
		}
		else {
			logger.debug("wc-sized: {} closed after {} answers: {}", connection.peerAddress(), answered, reason);
		}
	}

}
