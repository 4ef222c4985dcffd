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

package io.ngi.nio;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.Map;

import io.ngi.CloseReason;

/**
 * Turns a connect failure into a {@link CloseReason}: its kind from the exception's type
 * (what handlers branch on, independent of the JDK's or the platform's wording), its text
 * the errno-style name zc.ngi reports, such as {@code "ECONNREFUSED"}, where the message
 * is a known one (for people and logs only).
 * <p>
 * The JDK reports a refused connect as a {@link ConnectException}, and so it reports the
 * kernel giving up on a connect ({@code ETIMEDOUT}); both are
 * {@link CloseReason.Kind#REFUSED}, their texts tell them apart.
 */
final class Errno {

	private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("connection refused", "ECONNREFUSED"),
			Map.entry("connection timed out", "ETIMEDOUT"), Map.entry("no route to host", "EHOSTUNREACH"),
			Map.entry("network is unreachable", "ENETUNREACH"), Map.entry("connection reset", "ECONNRESET"),
			Map.entry("no such file or directory", "ENOENT"), Map.entry("permission denied", "EACCES"),
			Map.entry("address already in use", "EADDRINUSE"),
			Map.entry("cannot assign requested address", "EADDRNOTAVAIL"),
			Map.entry("protocol wrong type for socket", "EPROTOTYPE"), Map.entry("broken pipe", "EPIPE"));

	private Errno() {
	}

	/**
	 * Returns the reason of a failed connect.
	 * @param failure what connect or finishConnect threw
	 * @return the reason
	 */
	static CloseReason closeReason(Throwable failure) {
		CloseReason.Kind kind = (failure instanceof ConnectException) ? CloseReason.Kind.REFUSED
				: CloseReason.Kind.LOCAL_ERROR;
		return new CloseReason(kind, reason(failure), failure);
	}

	/**
	 * Returns the text of a failure's reason.
	 * @param failure what connect or finishConnect threw
	 * @return the errno name if the message is a known one, otherwise the message, or the
	 * exception's {@code toString()} if it has none
	 */

	static String reason(Throwable failure) {
		if (failure instanceof UnresolvedAddressException) {
			return "unresolved address";
		}
		if (failure instanceof UnknownHostException) {
			// The JDK's message: "db.example: Name or service not known", or the name
			// alone.
			return "unknown host " + failure.getMessage();
		}
		String message = failure.getMessage();
		if (message == null || message.isBlank()) {
			return failure.toString();
		}
		String lower = message.toLowerCase(Locale.ROOT);
		for (Map.Entry<String, String> entry : NAMES.entrySet()) {
			if (lower.startsWith(entry.getKey())) {
				return entry.getValue();
			}
		}
		return message;
	}

}
