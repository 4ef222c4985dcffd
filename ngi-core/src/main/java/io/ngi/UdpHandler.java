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
 * Handles datagrams received by a {@link UdpListener}; implemented by applications.
 * Called on the implementation's loop thread (NIO) or inside {@code sendUdp} (testing),
 * never concurrently for one listener. An exception is logged; the listener goes on
 * receiving.
 */
@FunctionalInterface
public interface UdpHandler {

	/**
	 * Handles one datagram.
	 * @param source the sender's address
	 * @param message the datagram, truncated to the listener's buffer size; it belongs to
	 * the handler
	 * @throws Exception a failure, which is logged
	 */
	void handle(SocketAddress source, byte[] message) throws Exception;

	/**
	 * Handles one datagram received by {@code listener}, through which the handler may
	 * answer ({@link UdpListener#send}). This is the method implementations call; the
	 * default calls {@link #handle(SocketAddress, byte[])}.
	 * @param listener the listener that received the datagram
	 * @param source the sender's address
	 * @param message the datagram, truncated to the listener's buffer size; it belongs to
	 * the handler
	 * @throws Exception a failure, which is logged
	 */
	default void handle(UdpListener listener, SocketAddress source, byte[] message) throws Exception {
		handle(source, message);
	}

}
