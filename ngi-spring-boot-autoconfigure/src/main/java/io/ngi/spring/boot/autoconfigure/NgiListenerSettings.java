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

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

import io.ngi.ClientAuth;
import io.ngi.ProxyProtocol;

/**
 * The effective settings of one named listener, resolved by
 * {@link NgiProperties#listener(String, String)}. Applications read
 * {@link #maxLineLength()} and {@link #maxFrameLength()} to configure their {@code Lines}
 * and {@code Sized} adapters.
 *
 * @param name the listener name
 * @param address the address text, {@code null} when none is configured
 * @param enabled whether the listener is started
 * @param backlog the accept backlog
 * @param maxConnections the connection limit, -1 for none
 * @param udpBufferSize the datagram buffer size
 * @param maxLineLength the line length limit for line adapters
 * @param maxFrameLength the frame length limit for sized adapters
 * @param allowHalfClose whether the peer's end of input is delivered as
 * {@code handleInputClosed} with the connection kept open for output
 * @param idleTimeout how long a connection may neither receive nor send a byte before it
 * is closed, {@link Duration#ZERO} for no limit
 * @param ssl the TLS settings; TLS is on when {@link Ssl#bundle()} is set
 * @param proxyProtocol whether connections start with a PROXY protocol header
 * @param trustedProxies the addresses or CIDR blocks a header is accepted from
 */
public record NgiListenerSettings(String name, @Nullable String address, boolean enabled, int backlog,
		int maxConnections, DataSize udpBufferSize, DataSize maxLineLength, DataSize maxFrameLength,
		boolean allowHalfClose, Duration idleTimeout, Ssl ssl, ProxyProtocol proxyProtocol,
		List<String> trustedProxies) {

	/**
	 * Checks the components.
	 */
	public NgiListenerSettings {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(udpBufferSize, "udpBufferSize");
		Objects.requireNonNull(maxLineLength, "maxLineLength");
		Objects.requireNonNull(maxFrameLength, "maxFrameLength");
		Objects.requireNonNull(idleTimeout, "idleTimeout");
		Objects.requireNonNull(ssl, "ssl");
		Objects.requireNonNull(proxyProtocol, "proxyProtocol");
		Objects.requireNonNull(trustedProxies, "trustedProxies");
	}

	/**
	 * Returns the line length limit in bytes, as {@code new Lines(connection, limit)}
	 * takes it.
	 * @return the limit in bytes, at most {@link Integer#MAX_VALUE}
	 */
	public int maxLineLengthInBytes() {
		return (int) Math.min(this.maxLineLength.toBytes(), Integer.MAX_VALUE);
	}

	/**
	 * Returns the frame length limit in bytes, as {@code new Sized(connection, limit)}
	 * takes it.
	 * @return the limit in bytes, at most {@link Integer#MAX_VALUE}
	 */
	public int maxFrameLengthInBytes() {
		return (int) Math.min(this.maxFrameLength.toBytes(), Integer.MAX_VALUE);
	}

	/**
	 * The TLS settings of one listener, from {@code ngi.servers.<name>.ssl.*} and
	 * {@code ngi.defaults.ssl.*}.
	 *
	 * @param bundle the name of the SSL bundle ({@code spring.ssl.bundle.*}),
	 * {@code null} for a plaintext listener
	 * @param clientAuth whether clients are asked for a certificate
	 * @param handshakeTimeout how long a handshake may take, {@link Duration#ZERO} for no
	 * limit
	 */
	public record Ssl(@Nullable String bundle, ClientAuth clientAuth, Duration handshakeTimeout) {

		/**
		 * Checks the components.
		 */
		public Ssl {
			Objects.requireNonNull(clientAuth, "clientAuth");
			Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
		}

		/**
		 * Returns whether the listener speaks TLS.
		 * @return whether a bundle is named
		 */
		public boolean enabled() {
			return this.bundle != null;
		}

	}

}
