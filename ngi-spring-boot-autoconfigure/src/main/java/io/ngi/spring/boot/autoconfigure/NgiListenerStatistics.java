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

package io.ngi.spring.boot.autoconfigure;

import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLSession;

import io.ngi.CloseReason;
import io.ngi.ListenerObserver;

/**
 * Live traffic counters of one named listener, kept for the whole life of the application
 * (they survive a listener restart). Counters are cumulative; read them from any thread.
 * Metrics and the {@code ngi} endpoint read these values, so counting costs the same with
 * or without Micrometer.
 */
public final class NgiListenerStatistics {

	private final LongAdder accepted = new LongAdder();

	private final LongAdder active = new LongAdder();

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final LongAdder handlerErrors = new LongAdder();

	private final LongAdder datagramsReceived = new LongAdder();

	private final LongAdder tlsHandshakesSucceeded = new LongAdder();

	private final LongAdder tlsHandshakesFailed = new LongAdder();

	private final LongAdder tlsHandshakesTimedOut = new LongAdder();

	private final LongAdder tlsHandshakesAbandoned = new LongAdder();

	private final LongAdder proxyHeadersRejected = new LongAdder();

	private final ListenerObserver observer = new CountingObserver();

	NgiListenerStatistics() {
	}

	/**
	 * Returns how many connections were accepted.
	 * @return the number of accepted connections
	 */
	public long accepted() {
		return this.accepted.sum();
	}

	/**
	 * Returns how many accepted connections are open now.
	 * @return the number of open connections
	 */
	public long active() {
		return this.active.sum();
	}

	/**
	 * Returns how many bytes were received, on connections or in datagrams.
	 * @return the number of bytes received
	 */
	public long bytesReceived() {
		return this.bytesReceived.sum();
	}

	/**
	 * Returns how many bytes were sent on connections.
	 * @return the number of bytes sent
	 */
	public long bytesSent() {
		return this.bytesSent.sum();
	}

	/**
	 * Returns how many times a server or handler failed.
	 * @return the number of handler failures
	 */
	public long handlerErrors() {
		return this.handlerErrors.sum();
	}

	/**
	 * Returns how many datagrams were received.
	 * @return the number of datagrams received
	 */
	public long datagramsReceived() {
		return this.datagramsReceived.sum();
	}

	/**
	 * Returns how many TLS handshakes completed.
	 * @return the number of successful handshakes
	 */
	public long tlsHandshakesSucceeded() {
		return this.tlsHandshakesSucceeded.sum();
	}

	/**
	 * Returns how many TLS handshakes failed (a client that does not speak TLS, an
	 * untrusted or missing client certificate, no common protocol or cipher suite).
	 * @return the number of failed handshakes
	 */
	public long tlsHandshakesFailed() {
		return this.tlsHandshakesFailed.sum();
	}

	/**
	 * Returns how many TLS handshakes did not complete within the handshake timeout.
	 * @return the number of timed-out handshakes
	 */
	public long tlsHandshakesTimedOut() {
		return this.tlsHandshakesTimedOut.sum();
	}

	/**
	 * Returns how many TLS handshakes the peer abandoned: it closed or reset the
	 * connection before the handshake completed (a client that gave up, a load balancer's
	 * TCP health check).
	 * @return the number of abandoned handshakes
	 */
	public long tlsHandshakesAbandoned() {
		return this.tlsHandshakesAbandoned.sum();
	}

	/**
	 * Returns how many connections were closed for their PROXY protocol header (none
	 * where one is required, an untrusted source, an invalid or late header).
	 * @return the number of rejected connections
	 */
	public long proxyHeadersRejected() {
		return this.proxyHeadersRejected.sum();
	}

	ListenerObserver observer() {
		return this.observer;
	}

	private final class CountingObserver implements ListenerObserver {

		@Override
		public void connectionOpened() {
			NgiListenerStatistics.this.accepted.increment();
			NgiListenerStatistics.this.active.increment();
		}

		@Override
		public void connectionClosed() {
			NgiListenerStatistics.this.active.decrement();
		}

		@Override
		public void bytesReceived(int bytes) {
			NgiListenerStatistics.this.bytesReceived.add(bytes);
		}

		@Override
		public void bytesSent(int bytes) {
			NgiListenerStatistics.this.bytesSent.add(bytes);
		}

		@Override
		public void handlerFailed(Throwable failure) {
			NgiListenerStatistics.this.handlerErrors.increment();
		}

		@Override
		public void datagramReceived(int bytes) {
			NgiListenerStatistics.this.datagramsReceived.increment();
			NgiListenerStatistics.this.bytesReceived.add(bytes);
		}

		@Override
		public void tlsHandshakeCompleted(SSLSession session) {
			NgiListenerStatistics.this.tlsHandshakesSucceeded.increment();
		}

		@Override
		public void proxyHeaderRejected(CloseReason reason) {
			NgiListenerStatistics.this.proxyHeadersRejected.increment();
		}

		@Override
		public void tlsHandshakeFailed(CloseReason reason) {
			switch (reason.kind()) {
				// A handshake cut short by the listener's stop says nothing of the peer
				case STOPPED -> {
				}
				case TIMEOUT -> NgiListenerStatistics.this.tlsHandshakesTimedOut.increment();
				case PEER_CLOSED, RESET -> NgiListenerStatistics.this.tlsHandshakesAbandoned.increment();
				default -> NgiListenerStatistics.this.tlsHandshakesFailed.increment();
			}
		}

	}

}
