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
	 * Sends a datagram from this listener's own address, so that a client whose socket is
	 * connected to that address (as {@code nc -u} is) accepts the reply. Thread-safe and
	 * non-blocking: a datagram the socket has no room for right now is dropped (and
	 * logged), as the network may drop any datagram.
	 * @param address where to send
	 * @param message the datagram; not changed by the caller afterwards
	 * @throws IllegalStateException if the listener was closed
	 */
	void send(SocketAddress address, byte[] message);

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
