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

package io.ngi.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import io.ngi.ListenOptions;
import io.ngi.TlsOptions;
import io.ngi.nio.TlsFixtures;

/**
 * Whether a scenario runs over plaintext or TLS: the listener's options and the client
 * sockets (the JDK's {@code SSLSocket} trusting the test CA), so the same scenario checks
 * both with the same bounds.
 */
enum Encryption {

	PLAINTEXT, TLS;

	ListenOptions.Builder listenOptions() {
		ListenOptions.Builder options = ListenOptions.builder();
		return (this == TLS) ? options.tls(TlsOptions.builder(TlsFixtures.server()).build()) : options;
	}

	/**
	 * Opens a client socket.
	 * @param address the listener's address
	 * @param receiveBufferSize the receive buffer size to set before connecting, 0 for
	 * the default
	 * @return the connected socket (for TLS, before the handshake, which the first read
	 * or write runs)
	 */
	Socket connect(InetSocketAddress address, int receiveBufferSize) throws IOException {
		Socket socket = (this == TLS) ? TlsFixtures.client().getSocketFactory().createSocket() : new Socket();
		if (receiveBufferSize > 0) {
			socket.setReceiveBufferSize(receiveBufferSize);
		}
		socket.connect(address, 10_000);
		return socket;
	}

}
