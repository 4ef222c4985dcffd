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

import javax.net.ssl.SSLSession;

/**
 * Observes the traffic of one listener, for metrics. Implementations call it on their
 * loop thread(s), possibly from several threads at once, so an observer must be
 * thread-safe and cheap: it runs on the hot path. Every method defaults to doing nothing.
 */
public interface ListenerObserver {

	/** An observer that records nothing. */
	ListenerObserver NONE = new ListenerObserver() {
	};

	/**
	 * A connection was accepted.
	 */
	default void connectionOpened() {
	}

	/**
	 * An accepted connection closed, for whatever reason. Called once per
	 * {@link #connectionOpened()}.
	 */
	default void connectionClosed() {
	}

	/**
	 * Bytes were received on one of the listener's connections.
	 * @param bytes how many
	 */
	default void bytesReceived(int bytes) {
	}

	/**
	 * Bytes were sent on one of the listener's connections.
	 * @param bytes how many
	 */
	default void bytesSent(int bytes) {
	}

	/**
	 * A handler or server of one of the listener's connections failed (and the failure
	 * was logged).
	 * @param failure what it threw
	 */
	default void handlerFailed(Throwable failure) {
	}

	/**
	 * A datagram was received by a UDP listener.
	 * @param bytes its size
	 */
	default void datagramReceived(int bytes) {
	}

	/**
	 * A TLS handshake on one of the listener's connections completed; the server is told
	 * of the connection next.
	 * @param session the session agreed
	 */
	default void tlsHandshakeCompleted(SSLSession session) {
	}

	/**
	 * A TLS handshake on one of the listener's connections failed or timed out; no
	 * handler heard of the connection.
	 * @param reason why: {@link CloseReason.Kind#TLS} for a failure (what the engine
	 * refused: a certificate, a protocol, bytes that are not TLS),
	 * {@link CloseReason.Kind#TIMEOUT} for a timeout,
	 * {@link CloseReason.Kind#PEER_CLOSED} or {@link CloseReason.Kind#RESET} when the
	 * peer went away (a client that gave up, a balancer's TCP health check),
	 * {@link CloseReason.Kind#STOPPED} when the listener stopped
	 */
	default void tlsHandshakeFailed(CloseReason reason) {
	}

	/**
	 * A connection to a listener that reads the PROXY protocol was closed before any
	 * handler ran: no header where one is required, a header from an untrusted source, an
	 * invalid or oversized header, or one that did not arrive in time.
	 * @param reason why ({@link CloseReason.Kind#PROXY_PROTOCOL})
	 */
	default void proxyHeaderRejected(CloseReason reason) {
	}

}
