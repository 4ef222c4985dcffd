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

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Collects one line of text at a time from input that arrives in pieces, and refuses at
 * once what cannot be a line of text: a line longer than the limit, or a byte that is not
 * text.
 *
 * <pre>
 * input:   a l i c e \r \n         one line, "alice" (the CR before LF is dropped; LF alone works too)
 * refused: 513 bytes without LF   "over 512 bytes", as soon as the 513th byte arrives
 * refused: \0, ESC, DEL, a CR not before LF, bytes that are not UTF-8, C1 controls
 * </pre>
 * <p>
 * It never holds more than the limit plus one byte. Not thread-safe: it belongs to one
 * connection's handler.
 */
final class LineBuffer {

	private final byte[] buffer;

	private final int maxLength;

	private int length;

	/**
	 * Creates a buffer.
	 * @param maxLength the longest line accepted, in bytes, without its CRLF
	 */
	LineBuffer(int maxLength) {
		if (maxLength <= 0) {
			throw new IllegalArgumentException("maxLength must be > 0: " + maxLength);
		}
		this.maxLength = maxLength;
		this.buffer = new byte[maxLength + 1];
	}

	/**
	 * Appends bytes from {@code data[start]} until a line is complete or the data ends.
	 * @param data the bytes received
	 * @param start where to start in {@code data}
	 * @return the index just after the {@code '\n'} that completed a line (take it with
	 * {@link #takeLine()}), or {@code -1} if the data ended first (the bytes are kept)
	 * @throws RefusedLineException if the line is too long or not text
	 */
	int append(byte[] data, int start) {
		for (int i = start; i < data.length; i++) {
			byte b = data[i];
			boolean afterCarriageReturn = this.length > 0 && this.buffer[this.length - 1] == '\r';
			if (b == '\n') {
				return i + 1;
			}
			if (afterCarriageReturn) {
				throw new RefusedLineException("not text", "a carriage return not followed by a line feed");
			}
			if ((b >= 0 && b < 0x20 && b != '\t' && b != '\r') || b == 0x7f) {
				throw new RefusedLineException("not text", String.format("control byte 0x%02x", b & 0xff));
			}
			if (this.length == this.maxLength && b != '\r') {
				throw new RefusedLineException("over " + this.maxLength + " bytes", "over the limit");
			}
			this.buffer[this.length++] = b;
		}
		return -1;
	}

	/**
	 * Returns the line completed by the last {@link #append} and empties the buffer.
	 * @return the line, without its CRLF
	 * @throws RefusedLineException if the line is not UTF-8 text
	 */
	String takeLine() {
		int end = (this.length > 0 && this.buffer[this.length - 1] == '\r') ? this.length - 1 : this.length;
		this.length = 0;
		String line;
		try {
			line = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(this.buffer, 0, end))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new RefusedLineException("not text", "not UTF-8");
		}
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c >= 0x80 && c <= 0x9f) {
				throw new RefusedLineException("not text", String.format("control character U+%04X", (int) c));
			}
		}
		return line;
	}

	/**
	 * Returns how many bytes of an unfinished line are held.
	 * @return the bytes held
	 */
	int pending() {
		return this.length;
	}

	/**
	 * Thrown when input cannot be a line of text.
	 */
	static final class RefusedLineException extends RuntimeException {

		private final String answer;

		RefusedLineException(String answer, String detail) {
			super(detail, null, false, false);
			this.answer = answer;
		}

		/**
		 * Returns what to tell the client, for example {@code "over 512 bytes"}.
		 * @return the short reason
		 */
		String answer() {
			return this.answer;
		}

	}

}
