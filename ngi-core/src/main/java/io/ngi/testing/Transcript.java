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

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;

/**
 * A connection handler that records the events it receives as text, one line per event:
 * the recording end of a {@link TestConnection} pair (zc.ngi's {@code PrintingHandler}).
 * <p>
 * The lines are:
 * <ul>
 * <li>{@code -> 'HELLO OUT THERE'} for input, the bytes written as a Python 2 string
 * literal (see {@link #repr(byte[])});</li>
 * <li>{@code -> CLOSE} for a close with reason {@code "closed"},
 * {@code -> CLOSE <reason>} for any other reason;</li>
 * <li>{@code -> EXCEPTION <SimpleClassName> <message>} for an exception passed to
 * {@link #handleException} ({@code -> EXCEPTION <SimpleClassName>} when it has no
 * message).</li>
 * </ul>
 * Unlike zc.ngi, long input is not cut into 50-character slices: each event is exactly
 * one line. Thread-safe.
 *
 * {@snippet :
 * TestConnection connection = new TestConnection();
 * new Echo().handleInput(connection, "hello out there".getBytes());
 * assertThat(connection.peer().output()).isEqualTo("-> 'HELLO OUT THERE'");
 * }
 */
public final class Transcript implements ConnectionHandler {

	private final List<String> lines = new ArrayList<>();

	/**
	 * Creates an empty transcript.
	 */
	public Transcript() {
	}

	/**
	 * Records {@code -> <repr of data>}.
	 * @param connection the connection
	 * @param data the input
	 */
	@Override
	public void handleInput(Connection connection, byte[] data) {
		record("-> " + repr(data));
	}

	/**
	 * Records {@code -> CLOSE} for reason {@code "closed"}, {@code -> CLOSE <reason>}
	 * otherwise.
	 * @param connection the connection
	 * @param reason the close reason
	 */
	@Override
	public void handleClose(Connection connection, String reason) {
		record("closed".equals(reason) ? "-> CLOSE" : "-> CLOSE " + reason);

	}

	/**
	 * Records {@code -> EXCEPTION <SimpleClassName> <message>}; the exception is handled,
	 * so the connection stays open.
	 * @param connection the connection
	 * @param exception the failure
	 */
	@Override
	public void handleException(Connection connection, Exception exception) {
		String message = exception.getMessage();
		String name = exception.getClass().getSimpleName();
		record("-> EXCEPTION " + name + ((message != null) ? " " + message : ""));
	}

	/**
	 * Returns the lines recorded since the last call, joined by {@code \n}, with no
	 * trailing newline, and forgets them.
	 * @return the transcript since the last call; empty if nothing was recorded
	 */
	public String output() {
		synchronized (this.lines) {
			String text = String.join("\n", this.lines);
			this.lines.clear();
			return text;
		}
	}

	/**
	 * Records a line of its own, for handlers that want to add to the transcript.
	 * @param line the line
	 */
	public void record(String line) {
		Objects.requireNonNull(line, "line");
		synchronized (this.lines) {
			this.lines.add(line);
		}
	}

	/**
	 * Returns the Python 2 {@code repr} of a byte string, as zc.ngi's transcripts show
	 * it. The quote is {@code '} unless the data contains {@code '} and no {@code "},
	 * then {@code "}; a backslash is written {@code \\}, the quote {@code '} (when it is
	 * the quote in use) {@code \'}, tab, newline and carriage return {@code \t \n \r},
	 * any other byte outside 0x20..0x7e {@code \xNN} in lower-case hex.
	 * @param data the bytes
	 * @return the literal, for example {@code 'a"b'} or {@code "it's"}
	 */
	public static String repr(byte[] data) {
		Objects.requireNonNull(data, "data");
		boolean hasSingle = false;
		boolean hasDouble = false;
		for (byte b : data) {
			hasSingle |= b == '\'';
			hasDouble |= b == '"';
		}
		char quote = (hasSingle && !hasDouble) ? '"' : '\'';
		StringBuilder text = new StringBuilder(data.length + 2);
		text.append(quote);
		for (byte b : data) {
			int c = b & 0xff;
			if (c == quote || c == '\\') {
				text.append('\\').append((char) c);
			}
			else if (c == '\t') {
				text.append("\\t");
			}
			else if (c == '\n') {
				text.append("\\n");
			}
			else if (c == '\r') {
				text.append("\\r");
			}
			else if (c < 0x20 || c >= 0x7f) {
				text.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
			}
			else {
				text.append((char) c);
			}
		}
		return text.append(quote).toString();
	}

	@Override
	public String toString() {
		synchronized (this.lines) {
			return "Transcript" + this.lines;
		}
	}

}
