package io.ngi;

import java.net.SocketAddress;

/**
 * A UDP listener, returned by {@link Implementation#listenUdp}. All methods are
 * thread-safe.
 */
public interface UdpListener extends AutoCloseable {

	/**
	 * Returns the address actually listened on, with port 0 resolved to the bound port.
	 * @return the bound address
	 */
	SocketAddress address();

	/**
	 * Returns whether the listener still receives datagrams.
	 * @return {@code false} once {@link #close} was called
	 */
	boolean isOpen();

	/**
	 * Stops receiving; later datagrams are not delivered. Idempotent.
	 */
	@Override
	void close();

}
