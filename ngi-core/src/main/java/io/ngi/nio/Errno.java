package io.ngi.nio;

import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.Map;

import io.ngi.CloseReason;

/**
 * Turns a connect failure into the errno-style reason zc.ngi reports, such as
 * {@code "ECONNREFUSED"}.
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
	 * Returns the reason for a failure.
	 * @param failure what connect or finishConnect threw
	 * @return the errno name if the message is a known one, otherwise the message, or the
	 * exception's {@code toString()} if it has none
	 */
	static CloseReason closeReason(Throwable failure) {
		String text = reason(failure);
		CloseReason.Kind kind = switch (text) {
			case "ECONNREFUSED" -> CloseReason.Kind.REFUSED;
			case "ETIMEDOUT" -> CloseReason.Kind.TIMEOUT;
			default -> CloseReason.Kind.LOCAL_ERROR;
		};
		return new CloseReason(kind, text, failure);
	}

	static String reason(Throwable failure) {
		if (failure instanceof UnresolvedAddressException) {
			return "unresolved address";
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
