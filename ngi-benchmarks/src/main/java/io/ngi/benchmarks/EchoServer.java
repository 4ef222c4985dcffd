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
