package io.ngi.benchmarks;

import java.io.IOException;

/**
 * A running echo server on loopback: TCP and UDP echo on ephemeral ports.
 */
interface EchoServer extends AutoCloseable {

	/**
	 * Returns the bound TCP port.
	 * @return the TCP port
	 */
	int tcpPort();

	/**
	 * Returns the bound UDP port, or 0 when this server has no UDP echo.
	 * @return the UDP port or 0
	 */
	int udpPort();

	/**
	 * Stops the server and releases its threads and sockets.
	 * @throws IOException if closing a socket fails
	 */
	@Override
	void close() throws IOException;

}
