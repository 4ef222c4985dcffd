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

/**
 * The bounds {@link RespParser} enforces on one connection's requests. Each breach is a
 * protocol error: the client gets a Redis-style {@code -ERR Protocol error: ...} reply
 * and the connection is closed.
 *
 * @param maxBulkLength the longest bulk string ({@code $<length>}) a request may carry
 * (Redis: 512 MB)
 * @param maxMultibulkLength the most elements of a request array ({@code *<count>})
 * (Redis 6: 1,048,576)
 * @param maxInlineLength the longest inline request line, and the longest {@code *} or
 * {@code $} count line (Redis: 64 KB)
 * @param maxRequestLength the most bytes of bulk strings one request may carry in all, so
 * that the input buffered for one connection stays bounded
 */
record RespLimits(int maxBulkLength, int maxMultibulkLength, int maxInlineLength, long maxRequestLength) {

	/** The largest array a JVM reliably allocates. */
	static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

	RespLimits {
		check("maxBulkLength", maxBulkLength, 0, MAX_ARRAY - 2);
		check("maxMultibulkLength", maxMultibulkLength, 1, Integer.MAX_VALUE);
		check("maxInlineLength", maxInlineLength, 1, MAX_ARRAY / 2);
		if (maxRequestLength < maxBulkLength) {
			throw new IllegalArgumentException(
					"maxRequestLength must be >= maxBulkLength (" + maxBulkLength + "): " + maxRequestLength);
		}
	}

	/**
	 * Returns Redis's own limits: 512 MB bulk strings, 1,048,576 elements, 64 KB lines,
	 * and requests up to 1 GB (Redis's {@code client-query-buffer-limit}).
	 * @return Redis's limits
	 */
	static RespLimits redis() {
		return new RespLimits(512 * 1024 * 1024, 1024 * 1024, 64 * 1024, 1024L * 1024 * 1024);
	}

	private static void check(String name, long value, long min, long max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
		}
	}

}
