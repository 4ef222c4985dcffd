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

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import io.ngi.Implementation;

/**
 * Answers each query by asking an upstream finger server (the tutorial's
 * {@code FingerProxyServer}), through a {@link FingerClient} started from the handler:
 * nothing blocks the loop, and the query has one deadline. The upstream's address is set
 * once it is known (the sample's own {@code finger} listener has a port only once it is
 * bound); until then, queries are answered {@code "upstream not configured"}.
 * Thread-safe.
 */
final class ProxyLookup implements FingerLookup {

	private final Implementation implementation;

	private final Duration timeout;

	private volatile @Nullable SocketAddress upstream;

	/**
	 * Creates the lookup.
	 * @param implementation the implementation to connect with
	 * @param timeout the deadline of each upstream query, &gt; 0
	 */
	ProxyLookup(Implementation implementation, Duration timeout) {
		this.implementation = Objects.requireNonNull(implementation, "implementation");
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be > 0: " + timeout);
		}
		this.timeout = timeout;
	}

	/**
	 * Sets the upstream server's address.
	 * @param upstream a resolved address
	 */
	void setUpstream(SocketAddress upstream) {
		this.upstream = Objects.requireNonNull(upstream, "upstream");
	}

	/**
	 * Sets the upstream server's address, refusing the proxy's own: a proxy that asks
	 * itself would open connections to itself, each asking again, until the deadline.
	 * @param upstream a resolved address
	 * @param proxy the address the proxy listens on
	 * @throws IllegalArgumentException if the two are the same
	 */
	void setUpstream(SocketAddress upstream, @Nullable SocketAddress proxy) {
		if (upstream.equals(proxy)) {
			throw new IllegalArgumentException("upstream must not be finger-proxy itself: " + upstream);
		}
		setUpstream(upstream);
	}

	/**
	 * Returns the upstream server's address.
	 * @return the address, or {@code null} before it was set
	 */
	@Nullable SocketAddress upstream() {
		return this.upstream;
	}

	/**
	 * Returns the deadline of each upstream query.
	 * @return the timeout
	 */
	Duration timeout() {
		return this.timeout;
	}

	@Override
	public CompletionStage<String> answer(FingerQuery query) {
		SocketAddress target = this.upstream;
		if (target == null) {
			return CompletableFuture.failedFuture(new UpstreamException("upstream not configured"));
		}
		return FingerClient.query(this.implementation, target, query.toLine(), this.timeout);
	}

}
