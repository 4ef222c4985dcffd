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

package io.ngi;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Why a connection closed, or why a connect failed: a {@link Kind} to act on, a text for
 * people and logs, and the failure behind it, if any.
 * <p>
 * Handlers branch on {@link #kind()}; {@link #text()} keeps the first release's strings
 * ({@code "end of input"}, {@code "closed"}, {@code "stopped"}, ...), so handlers written
 * against {@link ConnectionHandler#handleClose(Connection, String)} see no change. Meters
 * may tag by kind (a bounded set), never by text.
 * <p>
 * The two implementations agree on the kind of every close. Their texts differ in two
 * documented places: a peer close reads {@code "end of input"} on NIO (the socket saw
 * EOF) and {@code "closed"} in the testing implementation (zc.ngi's word, and what
 * {@code Transcript} shows as a bare {@code -> CLOSE}); a refused connect reads
 * {@code "ECONNREFUSED"} on NIO and {@code "no such server"} in testing.
 *
 * @param kind what happened
 * @param text a short description, never {@code null}
 * @param cause the failure behind it, if any
 */
public record CloseReason(Kind kind, String text, @Nullable Throwable cause) {

	/** The NIO text of a peer close: the socket reached end of input. */
	public static final String END_OF_INPUT = "end of input";

	/** The reason of a connection whose peer closed its end normally (NIO's text). */
	public static final CloseReason PEER_CLOSED = new CloseReason(Kind.PEER_CLOSED, END_OF_INPUT, null);

	/**
	 * The reason of a connection closed because its listener or implementation closed.
	 */
	public static final CloseReason STOPPED = new CloseReason(Kind.STOPPED, "stopped", null);

	/**
	 * Creates a reason.
	 * @param kind what happened
	 * @param text a short description
	 * @param cause the failure behind it, if any
	 */
	public CloseReason {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(text, "text");
	}

	/**
	 * Returns a reason without a cause.
	 * @param kind what happened
	 * @param text a short description
	 * @return the reason
	 */
	public static CloseReason of(Kind kind, String text) {
		return new CloseReason(kind, text, null);
	}

	/**
	 * Returns the reason of a failed handler: kind {@link Kind#HANDLER_FAILED}, the
	 * failure's {@code toString()} as the text.
	 * @param failure what the handler threw
	 * @return the reason
	 */
	public static CloseReason handlerFailed(Throwable failure) {
		return new CloseReason(Kind.HANDLER_FAILED, failure.toString(), failure);
	}

	/**
	 * Returns whether this reason is of {@code kind}.
	 * @param kind the kind to test
	 * @return whether it is
	 */
	public boolean is(Kind kind) {
		return this.kind == kind;
	}

	@Override
	public String toString() {
		return this.kind + ": " + this.text;
	}

	/**
	 * What ended a connection or failed a connect. New kinds may be added in later
	 * releases; a {@code switch} over them needs a {@code default}.
	 */
	public enum Kind {

		/** The peer closed its end (end of input). */
		PEER_CLOSED,

		/** The peer or the network reset the connection. */
		RESET,

		/** The listener or the implementation was closed. */
		STOPPED,

		/** A handler, server, task or suspended call of this side failed. */
		HANDLER_FAILED,

		/** Queued output passed the connection's hard limit. */
		OUTPUT_LIMIT,

		/** The input broke the framing rules of an adapter (a line too long, ...). */
		FRAMING,

		/** Nothing was received or sent for the idle timeout. */
		IDLE_TIMEOUT,

		/** The TLS layer failed. */
		TLS,

		/** A PROXY protocol header was missing, invalid or untrusted. */
		PROXY_PROTOCOL,

		/** A connect was refused (nothing listens there). */
		REFUSED,

		/** A connect or another bounded wait ran out of time. */
		TIMEOUT,

		/** A local failure: an I/O error, an unreachable host, a bad address. */
		LOCAL_ERROR

	}

}
