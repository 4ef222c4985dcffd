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
