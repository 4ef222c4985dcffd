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

package io.ngi.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.junit.jupiter.api.Test;

import io.ngi.ClientAuth;
import io.ngi.ClientConnectHandler;
import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Server;
import io.ngi.TlsOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * TLS on the testing implementation: options are accepted and plaintext delivered, and a
 * test gives a connection a session so that a server that authorises clients by their
 * certificate is unit-tested without a handshake.
 */
class TestingTlsTests {

	/**
	 * Lets in clients whose certificate names {@code NGI test client}, refuses others.
	 */
	static final Server AUTHORISING = (connection) -> {
		String who;
		try {
			X509Certificate peer = (X509Certificate) connection.tlsSession().getPeerCertificates()[0];
			who = peer.getSubjectX500Principal().getName();
		}
		catch (SSLPeerUnverifiedException | NullPointerException ex) {
			who = null;
		}
		if (!"CN=NGI test client".equals(who)) {
			connection.write("refused\n");
			connection.close();
			return;
		}
		connection.setHandler((ConnectionHandler) (c, data) -> c.write(data));
		connection.write("welcome " + who + "\n");
	};

	@Test
	void listenersAndClientsAcceptTlsOptionsAndDeliverPlaintext() throws Exception {
		TestingImplementation implementation = new TestingImplementation();
		TlsOptions tls = TlsOptions.builder(SSLContext.getDefault()).clientAuth(ClientAuth.NEED).build();
		implementation.listen(TestingImplementation.address("secure"),
				(connection) -> connection.setHandler((c, data) -> c.write(data)),
				ListenOptions.builder().tls(tls).build());
		List<String> got = new ArrayList<>();
		implementation.connect(TestingImplementation.address("secure"), new ClientConnectHandler() {

			@Override
			public void connected(Connection connection) {
				assertThat(connection.tlsSession()).isNull();
				connection.setHandler((c, data) -> got.add(new String(data, StandardCharsets.US_ASCII)));
				connection.write("plain as ever");
			}

			@Override
			public void failedConnect(String reason) {
				got.add("failed: " + reason);
			}

		}, ConnectOptions.builder().tls(TlsOptions.builder(SSLContext.getDefault()).build()).build());
		assertThat(got).containsExactly("plain as ever");
	}

	@Test
	void aClientWithTheRightCertificateIsLetIn() throws Exception {
		TestConnection connection = new TestConnection();
		connection.setTlsSession(TestTlsSession.withPeerCertificates(certificate("client.crt")));
		AUTHORISING.connected(connection);
		assertThat(connection.peer().output()).isEqualTo("-> 'welcome CN=NGI test client\\n'");
		connection.peer().write("hi");
		assertThat(connection.peer().output()).isEqualTo("-> 'hi'");
		assertThat(connection.isOpen()).isTrue();
	}

	@Test
	void aClientWithoutCertificateOrWithAnotherIsRefused() throws Exception {
		TestConnection without = new TestConnection();
		without.setTlsSession(TestTlsSession.withoutPeerCertificate());
		AUTHORISING.connected(without);
		assertThat(without.peer().output()).isEqualTo("-> 'refused\\n'\n-> CLOSE");
		assertThat(without.isOpen()).isFalse();
		TestConnection other = new TestConnection();
		other.setTlsSession(TestTlsSession.withPeerCertificates(certificate("other-client.crt")));
		AUTHORISING.connected(other);
		assertThat(other.peer().output()).isEqualTo("-> 'refused\\n'\n-> CLOSE");
		TestConnection plaintext = new TestConnection();
		AUTHORISING.connected(plaintext);
		assertThat(plaintext.peer().output()).isEqualTo("-> 'refused\\n'\n-> CLOSE");
	}

	@Test
	void aSessionBehavesAsTheJdksDo() throws Exception {
		TestTlsSession none = TestTlsSession.withoutPeerCertificate();
		assertThatExceptionOfType(SSLPeerUnverifiedException.class).isThrownBy(none::getPeerCertificates);
		assertThatExceptionOfType(SSLPeerUnverifiedException.class).isThrownBy(none::getPeerPrincipal);
		assertThat(none.getProtocol()).isEqualTo("TLSv1.3");
		TestTlsSession tls12 = TestTlsSession.withPeerCertificates(certificate("client.crt"))
			.withProtocol("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
		assertThat(tls12.getProtocol()).isEqualTo("TLSv1.2");
		assertThat(tls12.getPeerPrincipal().getName()).isEqualTo("CN=NGI test client");
		assertThatIllegalArgumentException().isThrownBy(TestTlsSession::withPeerCertificates);
		Connection wrapped = new io.ngi.ForwardingConnection(new TestConnection()) {
		};
		assertThat(wrapped.tlsSession()).isNull();
	}

	private static X509Certificate certificate(String name) throws Exception {
		try (InputStream in = TestingTlsTests.class.getResourceAsStream("/tls/" + name)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

}
