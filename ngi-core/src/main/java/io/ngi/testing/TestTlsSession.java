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

import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

import org.jspecify.annotations.Nullable;

/**
 * A TLS session for unit tests of handlers that look at
 * {@link io.ngi.Connection#tlsSession()} (to authorise a client by its certificate, say):
 * give it to a {@link TestConnection} with {@link TestConnection#setTlsSession}. The
 * testing implementation runs no handshake; this session says what one would have agreed.
 *
 * {@snippet :
 * TestConnection connection = new TestConnection();
 * connection.setTlsSession(TestTlsSession.withPeerCertificates(clientCertificate));
 * server.connected(connection);
 * }
 * <p>
 * Like the JDK's sessions, {@link #getPeerCertificates()} throws
 * {@link SSLPeerUnverifiedException} when the peer sent no certificate.
 */
public final class TestTlsSession implements SSLSession {

	private final String protocol;

	private final String cipherSuite;

	private final List<X509Certificate> peerCertificates;

	private final long creationTime = System.currentTimeMillis();

	private final Map<String, Object> values = new ConcurrentHashMap<>();

	private TestTlsSession(String protocol, String cipherSuite, List<X509Certificate> peerCertificates) {
		this.protocol = protocol;
		this.cipherSuite = cipherSuite;
		this.peerCertificates = peerCertificates;
	}

	/**
	 * Returns a TLS 1.3 session whose peer sent no certificate.
	 * @return the session
	 */
	public static TestTlsSession withoutPeerCertificate() {
		return new TestTlsSession("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of());
	}

	/**
	 * Returns a TLS 1.3 session whose peer presented a certificate chain.
	 * @param chain the peer's certificate first, then its issuers
	 * @return the session
	 */
	public static TestTlsSession withPeerCertificates(X509Certificate... chain) {
		Objects.requireNonNull(chain, "chain");
		if (chain.length == 0) {
			throw new IllegalArgumentException("no certificate: use withoutPeerCertificate()");
		}
		return new TestTlsSession("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of(chain));
	}

	/**
	 * Returns a copy with another protocol and cipher suite.
	 * @param protocol such as {@code TLSv1.2}
	 * @param cipherSuite such as {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}
	 * @return the copy
	 */
	public TestTlsSession withProtocol(String protocol, String cipherSuite) {
		return new TestTlsSession(Objects.requireNonNull(protocol, "protocol"),
				Objects.requireNonNull(cipherSuite, "cipherSuite"), this.peerCertificates);
	}

	@Override
	public byte[] getId() {
		return new byte[0];
	}

	@Override
	public @Nullable SSLSessionContext getSessionContext() {
		return null;
	}

	@Override
	public long getCreationTime() {
		return this.creationTime;
	}

	@Override
	public long getLastAccessedTime() {
		return this.creationTime;
	}

	@Override
	public void invalidate() {
	}

	@Override
	public boolean isValid() {
		return true;
	}

	@Override
	public void putValue(String name, Object value) {
		this.values.put(name, value);
	}

	@Override
	public @Nullable Object getValue(String name) {
		return this.values.get(name);
	}

	@Override
	public void removeValue(String name) {
		this.values.remove(name);
	}

	@Override
	public String[] getValueNames() {
		return this.values.keySet().toArray(String[]::new);
	}

	@Override
	public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
		if (this.peerCertificates.isEmpty()) {
			throw new SSLPeerUnverifiedException("peer not authenticated");
		}
		return this.peerCertificates.toArray(Certificate[]::new);
	}

	@Override
	public Certificate @Nullable [] getLocalCertificates() {
		return null;
	}

	@Override
	@SuppressWarnings("removal")
	public javax.security.cert.X509Certificate[] getPeerCertificateChain() throws SSLPeerUnverifiedException {
		throw new UnsupportedOperationException("deprecated: use getPeerCertificates()");
	}

	@Override
	public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
		if (this.peerCertificates.isEmpty()) {
			throw new SSLPeerUnverifiedException("peer not authenticated");
		}
		return this.peerCertificates.get(0).getSubjectX500Principal();
	}

	@Override
	public @Nullable Principal getLocalPrincipal() {
		return null;
	}

	@Override
	public String getCipherSuite() {
		return this.cipherSuite;
	}

	@Override
	public String getProtocol() {
		return this.protocol;
	}

	@Override
	public @Nullable String getPeerHost() {
		return null;
	}

	@Override
	public int getPeerPort() {
		return -1;
	}

	@Override
	public int getPacketBufferSize() {
		return 16709;
	}

	@Override
	public int getApplicationBufferSize() {
		return 16384;
	}

	@Override
	public String toString() {
		return "TestTlsSession[" + this.protocol + ", " + this.cipherSuite + ", peer certificates: "
				+ this.peerCertificates.size() + "]";
	}

}
