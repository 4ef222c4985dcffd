package io.ngi.nio;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.TlsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS on NIO between NGI's own listener and client, and with the JDK's {@link SSLSocket}:
 * echo in both protocol versions, large transfers through partial records and
 * backpressure, the session seen by handlers.
 */
class NioTlsTests {

	private final NioImplementation ngi = NioImplementation.builder().name("tls").loops(2).build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	private Listener echo(TlsOptions tls) {
		return this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)),
				ListenOptions.builder().tls(tls).build());
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.2", "TLSv1.3" })
	void ngiClientAndServerEcho(String protocol) throws Exception {
		Listener listener = echo(TlsOptions.builder(TlsFixtures.server()).protocols(protocol).build());
		Recorder client = new Recorder("hello over TLS\n".getBytes(StandardCharsets.US_ASCII));
		this.ngi.connect(listener.address(), client,
				ConnectOptions.builder().tls(TlsOptions.builder(TlsFixtures.client()).build()).build());
		Connection connection = client.connection.get(10, TimeUnit.SECONDS);
		assertThat(new String(client.firstInput.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII))
			.isEqualTo("hello over TLS\n");
		SSLSession session = connection.tlsSession();
		assertThat(session).isNotNull();
		assertThat(session.getProtocol()).isEqualTo(protocol);
		connection.close();
	}

	@Test
	void oneMebibyteEachWayThroughSslSocket() throws Exception {
		Listener listener = echo(TlsOptions.builder(TlsFixtures.server()).build());
		InetSocketAddress address = (InetSocketAddress) listener.address();
		byte[] data = new byte[1 << 20];
		new Random(1).nextBytes(data);
		try (SSLSocket socket = (SSLSocket) TlsFixtures.client()
			.getSocketFactory()
			.createSocket("127.0.0.1", address.getPort())) {
			socket.setSoTimeout(20_000);
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				try {
					OutputStream out = socket.getOutputStream();
					for (int i = 0; i < data.length; i += 10_000) {
						out.write(data, i, Math.min(10_000, data.length - i));
					}
					out.flush();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			InputStream in = socket.getInputStream();
			byte[] received = in.readNBytes(data.length);
			writer.get(20, TimeUnit.SECONDS);
			assertThat(Arrays.equals(received, data)).isTrue();
			assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
		}
	}

	@Test
	void serverHandlerSeesTheSession() throws Exception {
		CompletableFuture<SSLSession> seen = new CompletableFuture<>();
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			seen.complete(connection.tlsSession());
			connection.setHandler((ConnectionHandler) (c, data) -> c.write(data));
		}, ListenOptions.builder().tls(TlsOptions.builder(TlsFixtures.server()).build()).build());
		Recorder client = new Recorder("x".getBytes(StandardCharsets.US_ASCII));
		this.ngi.connect(listener.address(), client,
				ConnectOptions.builder().tls(TlsOptions.builder(TlsFixtures.client()).build()).build());
		client.firstInput.get(10, TimeUnit.SECONDS);
		assertThat(seen.get(10, TimeUnit.SECONDS).getCipherSuite()).startsWith("TLS_");
	}

	@Test
	void handshakeTimeoutIsBounded() {
		assertThat(TlsOptions.builder(TlsFixtures.server()).build().handshakeTimeout())
			.isEqualTo(Duration.ofSeconds(10));
	}

}
