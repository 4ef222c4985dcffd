package io.ngi.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.time.Duration;

import io.ngi.Implementation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract on {@link NioImplementation}, on loopback sockets.
 */
class NioImplementationContractTests extends ImplementationContractTests {

	private final NioImplementation implementation = NioImplementation.builder().name("contract").build();

	@AfterEach
	void close() {
		this.implementation.close();
	}

	@Override
	protected Implementation implementation() {
		return this.implementation;
	}

	@Override
	protected void eventually(Runnable assertion) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.untilAsserted(assertion::run);
	}

	/**
	 * Sockets report the end of the stream: {@code "end of input"}, as zc.ngi.async does.
	 */
	@Override
	protected String peerClosedReason() {
		return "end of input";
	}

	/**
	 * Sockets pass the exception's {@code toString()}, as zc.ngi.async passes the
	 * exception.
	 */
	@Override
	protected String handlerFailureReason(Exception failure) {
		return failure.toString();
	}

	@Override
	protected SocketAddress unusedAddress() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sockets give the errno name. */
	@Override
	protected String refusedReason() {
		return "ECONNREFUSED";
	}

}
