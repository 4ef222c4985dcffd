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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Blocking echo server with one thread per connection: virtual threads on JDK 21 and
 * later (looked up reflectively, the module compiles for release 17), platform threads
 * before.
 */
final class BlockingEchoServer implements EchoServer {

	private final ServerSocket server;

	private final DatagramSocket udp;

	private final ExecutorService threads;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private BlockingEchoServer(ServerSocket server, DatagramSocket udp, ExecutorService threads) {
		this.server = server;
		this.udp = udp;
		this.threads = threads;
	}

	static BlockingEchoServer start() throws IOException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		ServerSocket server = new ServerSocket();
		server.bind(new InetSocketAddress(loopback, 0), 1024);
		DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
		BlockingEchoServer echo = new BlockingEchoServer(server, udp, threadPerTask());
		Thread acceptor = new Thread(echo::accept, "blocking-accept");
		acceptor.setDaemon(true);
		acceptor.start();
		Thread udpThread = new Thread(echo::udpEcho, "blocking-udp");
		udpThread.setDaemon(true);
		udpThread.start();
		return echo;
	}

	static boolean virtualThreads() {
		return Runtime.version().feature() >= 21;
	}

	private static ExecutorService threadPerTask() {
		if (virtualThreads()) {
			try {
				return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("virtual threads expected on JDK " + Runtime.version(), ex);
			}
		}
		return Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(null, task, "blocking-conn", 256 * 1024);
			thread.setDaemon(true);
			return thread;
		});
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				socket.setTcpNoDelay(true);
				this.sockets.add(socket);
				this.threads.execute(() -> echo(socket));
			}
			catch (IOException ex) {
				if (!this.server.isClosed()) {
					System.err.println("blocking echo: accept failed: " + ex);
				}
			}
		}
	}

	private void echo(Socket socket) {
		byte[] buffer = new byte[8192];
		try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			// The peer reset the connection: the normal end of a benchmark connection.
		}
		finally {
			this.sockets.remove(socket);
		}
	}

	private void udpEcho() {
		byte[] buffer = new byte[65535];
		DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
		while (!this.udp.isClosed()) {
			try {
				packet.setLength(buffer.length);
				this.udp.receive(packet);
				this.udp.send(packet);
			}
			catch (SocketException ex) {
				if (!this.udp.isClosed()) {
					System.err.println("blocking echo: udp failed: " + ex);
				}
			}
			catch (IOException ex) {
				System.err.println("blocking echo: udp send failed: " + ex);
			}
		}
	}

	@Override
	public int tcpPort() {
		return this.server.getLocalPort();
	}

	@Override
	public int udpPort() {
		return this.udp.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.udp.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.threads.shutdownNow();
	}

}
