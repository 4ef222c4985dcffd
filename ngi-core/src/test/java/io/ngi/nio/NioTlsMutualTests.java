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

package io.ngi.nio;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.ngi.ClientAuth;
import io.ngi.CloseReason;
import io.ngi.ConnectOptions;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.TlsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Client certificates: {@link ClientAuth#NEED} refuses a client without one,
 * {@link ClientAuth#WANT} accepts it with no peer certificate in the session, and a
 * certificate from another CA is refused under both. A refused client never reaches the
 * server's handler.
 */
class NioTlsMutualTests {

	private final NioImplementation ngi = NioImplementation.builder().name("mtls").build();

	private final List<SSLSession> accepted = new CopyOnWriteArrayList<>();

	private final CompletableFuture<CloseReason> refused = new CompletableFuture<>();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	private Listener listen(ClientAuth clientAuth) {
		ListenerObserver observer = new ListenerObserver() {

			@Override
			public void tlsHandshakeFailed(CloseReason reason) {
				NioTlsMutualTests.this.refused.complete(reason);
			}

		};
		return this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			this.accepted.add(connection.tlsSession());
			connection.setHandler((ConnectionHandler) (c, data) -> c.write(data));
		}, ListenOptions.builder()
			.observer(observer)
			.tls(TlsOptions.builder(TlsFixtures.server()).clientAuth(clientAuth).build())
			.build());
	}

	private Recorder connect(Listener listener, SSLContext client) {
		Recorder recorder = new Recorder("ping".getBytes(StandardCharsets.US_ASCII));
		this.ngi.connect(listener.address(), recorder,
				ConnectOptions.builder().tls(TlsOptions.builder(client).build()).build());
		return recorder;
	}

	@Test
	void needRefusesAClientWithoutCertificate() throws Exception {
		Listener listener = listen(ClientAuth.NEED);
		Recorder client = connect(listener, TlsFixtures.client());
		CloseReason reason = this.refused.get(10, TimeUnit.SECONDS);
		assertThat(reason.kind()).isEqualTo(CloseReason.Kind.TLS);
		assertThat(reason.text()).startsWith("TLS handshake failed: ");
		// TLS 1.3 finishes the client's side of the handshake before the server checks
		// its certificate: the client hears of it as a failed connect or a closed
		// connection.
		CompletableFuture.anyOf(client.failed, client.closed).get(10, TimeUnit.SECONDS);
		assertThat(client.firstInput).isNotDone();
		assertThat(this.accepted).isEmpty();
	}

	@Test
	void needAcceptsAClientCertificateFromTheTrustedCa() throws Exception {
		Listener listener = listen(ClientAuth.NEED);
		Recorder client = connect(listener, TlsFixtures.clientWithCertificate());
		assertThat(client.firstInput.get(10, TimeUnit.SECONDS)).asString(StandardCharsets.US_ASCII).isEqualTo("ping");
		X509Certificate peer = (X509Certificate) this.accepted.get(0).getPeerCertificates()[0];
		assertThat(peer.getSubjectX500Principal().getName()).isEqualTo("CN=NGI test client");
	}

	@Test
	void wantAcceptsAClientWithoutCertificateAndShowsNone() throws Exception {
		Listener listener = listen(ClientAuth.WANT);
		Recorder client = connect(listener, TlsFixtures.client());
		assertThat(client.firstInput.get(10, TimeUnit.SECONDS)).asString(StandardCharsets.US_ASCII).isEqualTo("ping");
		SSLSession session = this.accepted.get(0);
		assertThatExceptionOfType(SSLPeerUnverifiedException.class).isThrownBy(session::getPeerCertificates);
	}

	@Test
	void wantRefusesACertificateFromAnotherCa() throws Exception {
		Listener listener = listen(ClientAuth.WANT);
		Recorder client = connect(listener, TlsFixtures.clientFromOtherCa());
		assertThat(this.refused.get(10, TimeUnit.SECONDS).kind()).isEqualTo(CloseReason.Kind.TLS);
		CompletableFuture.anyOf(client.failed, client.closed).get(10, TimeUnit.SECONDS);
		assertThat(this.accepted).isEmpty();
	}

	@Test
	void needRefusesACertificateFromAnotherCa() throws Exception {
		Listener listener = listen(ClientAuth.NEED);
		Recorder client = connect(listener, TlsFixtures.clientFromOtherCa());
		assertThat(this.refused.get(10, TimeUnit.SECONDS).text()).startsWith("TLS handshake failed: ");
		CompletableFuture.anyOf(client.failed, client.closed).get(10, TimeUnit.SECONDS);
		assertThat(this.accepted).isEmpty();
	}

}
