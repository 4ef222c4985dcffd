package io.ngi.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A blocking loopback client for the real-socket tests.
 */
final class SocketClient implements AutoCloseable {

	private final Socket socket = new Socket();

	SocketClient(int port) throws IOException {
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		this.socket.setSoTimeout(10_000);
	}

	void send(String text) throws IOException {
		this.socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
		this.socket.getOutputStream().flush();
	}

	void send(byte[] data) throws IOException {
		this.socket.getOutputStream().write(data);
		this.socket.getOutputStream().flush();
	}

	byte[] read(int size) throws IOException {
		return this.socket.getInputStream().readNBytes(size);
	}

	/**
	 * Reads until the server closes the connection.
	 * @return everything received, as UTF-8
	 * @throws IOException if the connection is reset or the read times out
	 */
	String readToEnd() throws IOException {
		return new String(this.socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	static boolean refusesConnections(int port) {
		try (Socket probe = new Socket()) {
			probe.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			return false;
		}
		catch (ConnectException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static Set<String> liveNgiThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("ngi-"))
			.collect(Collectors.toSet());
	}

}
