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

package io.ngi.sample.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Redis's strict integer syntax ({@code string2ll}): an optional {@code -}, then digits
 * with no leading zero (only {@code "0"} itself), at most 20 characters, no {@code +}, no
 * spaces, within a signed 64-bit range. Used for protocol counts and command arguments
 * alike, so {@code "$03"} and {@code "INCRBY k 03"} are refused as Redis refuses them.
 */
final class RespNumbers {

	/**
	 * What {@link #parse} returns for text that is not an integer; also the value of
	 * {@code "-9223372036854775808"}, which {@link #isValid} tells apart.
	 */
	static final long INVALID = Long.MIN_VALUE;

	private static final byte[] MIN_VALUE_TEXT = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

	private static final int MAX_TEXT_LENGTH = 20;

	private RespNumbers() {
	}

	/**
	 * Parses {@code bytes[from, to)}.
	 * @param bytes the text
	 * @param from the first byte
	 * @param to after the last byte
	 * @return the value, or {@link #INVALID}
	 */
	static long parse(byte[] bytes, int from, int to) {
		int length = to - from;
		if (length <= 0 || length > MAX_TEXT_LENGTH) {
			return INVALID;
		}
		if (length == 1 && bytes[from] == '0') {
			return 0;
		}
		int p = from;
		boolean negative = bytes[p] == '-';
		if (negative) {
			p++;
			if (p == to) {
				return INVALID;
			}
		}
		if (bytes[p] < '1' || bytes[p] > '9') {
			return INVALID;
		}
		// Accumulated as a negative number, so that Long.MIN_VALUE fits.
		long value = 0;
		for (; p < to; p++) {
			int digit = bytes[p] - '0';
			if (digit < 0 || digit > 9 || value < Long.MIN_VALUE / 10) {
				return INVALID;
			}
			value *= 10;
			if (value < Long.MIN_VALUE + digit) {
				return INVALID;
			}
			value -= digit;
		}
		if (!negative) {
			return (value == Long.MIN_VALUE) ? INVALID : -value;
		}
		return value;
	}

	/**
	 * Parses a whole array.
	 * @param bytes the text
	 * @return the value, or {@link #INVALID}
	 */
	static long parse(byte[] bytes) {
		return parse(bytes, 0, bytes.length);
	}

	/**
	 * Returns whether a result of {@link #parse} is a number: {@link #INVALID} is one
	 * only for the text of {@link Long#MIN_VALUE}.
	 * @param value what {@code parse} returned
	 * @param bytes the text it parsed
	 * @return whether the text is an integer
	 */
	static boolean isValid(long value, byte[] bytes) {
		return value != INVALID || Arrays.equals(bytes, MIN_VALUE_TEXT);
	}

	/**
	 * Returns the ASCII decimal text of a number.
	 * @param value the number
	 * @return its text
	 */
	static byte[] text(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

}
