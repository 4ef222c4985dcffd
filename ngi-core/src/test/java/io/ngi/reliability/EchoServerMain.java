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
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import io.ngi.Listener;
import io.ngi.nio.NioImplementation;

/**
 * A child-JVM echo server for {@link DescriptorExhaustionReliabilityTests}: prints
 * {@code PORT <n>}, echoes on 127.0.0.1 until its standard input ends.
 */
public final class EchoServerMain {

	private EchoServerMain() {
	}

	/**
	 * Serves one echo first, so that every class the server needs is loaded while
	 * descriptors are free: loading a class from a directory needs one.
	 */
	private static void warmUp(InetSocketAddress address) throws IOException {
		try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
			socket.getOutputStream().write(new byte[] { 'w' });
			if (socket.getInputStream().read() != 'w') {
				throw new IllegalStateException("the warm-up echo failed");
			}
		}
	}

	public static void main(String[] args) throws IOException {
		try (NioImplementation ngi = NioImplementation.builder().name("exhaustion").build()) {
			Listener listener = ngi.listen(new InetSocketAddress("127.0.0.1", 0),
					(connection) -> connection.setHandler((c, data) -> c.write(data)));
			warmUp((InetSocketAddress) listener.address());
			System.out.println("PORT " + ((InetSocketAddress) listener.address()).getPort());
			System.out.flush();
			System.in.transferTo(OutputStream.nullOutputStream());
			listener.closeWait(Duration.ofSeconds(2));
		}
	}

}
