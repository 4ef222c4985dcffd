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

package io.ngi.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * A blocking JDK TLS client on 127.0.0.1 for the real-socket tests: it trusts the test CA
 * ({@code tls/ca.crt}), verifies the host name, and optionally presents
 * {@code tls/client.p12}.
 */
public final class TlsClient implements AutoCloseable {

	private final SSLSocket socket;

	/**
	 * Connects and completes the handshake.
	 * @param port the port on 127.0.0.1
	 * @param protocols the protocols to offer, none for the JDK's defaults
	 * @throws IOException if the connect or the handshake fails
	 */
	public TlsClient(int port, String... protocols) throws IOException {
		this(port, false, protocols);
	}

	/**
	 * Connects and completes the handshake.
	 * @param port the port on 127.0.0.1
	 * @param withClientCertificate whether to present {@code tls/client.p12}
	 * @param protocols the protocols to offer, none for the JDK's defaults
	 * @throws IOException if the connect or the handshake fails
	 */
	public TlsClient(int port, boolean withClientCertificate, String... protocols) throws IOException {
		SSLSocket socket = (SSLSocket) context(withClientCertificate).getSocketFactory().createSocket();
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10_000);
			var parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			if (protocols.length > 0) {
				parameters.setProtocols(protocols);
			}
			socket.setSSLParameters(parameters);
			socket.startHandshake();
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
		this.socket = socket;
	}

	/**
	 * Returns the serial number of the certificate the server presented.
	 * @return the serial
	 * @throws IOException if the session has no peer certificate
	 */
	public BigInteger serverSerial() throws IOException {
		return ((X509Certificate) this.socket.getSession().getPeerCertificates()[0]).getSerialNumber();
	}

	/**
	 * Returns the protocol agreed.
	 * @return the protocol, such as {@code TLSv1.3}
	 */
	public String protocol() {
		return this.socket.getSession().getProtocol();
	}

	/**
	 * Sends a text and reads as many bytes back.
	 * @param text the text
	 * @return what came back
	 * @throws IOException if the connection fails
	 */
	public String echo(String text) throws IOException {
		byte[] data = text.getBytes(StandardCharsets.UTF_8);
		this.socket.getOutputStream().write(data);
		this.socket.getOutputStream().flush();
		return new String(this.socket.getInputStream().readNBytes(data.length), StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * Reads the serial number of a PEM certificate.
	 * @param certificate the certificate
	 * @return its serial
	 * @throws IOException if it cannot be read
	 */
	public static BigInteger serial(InputStream certificate) throws IOException {
		try (certificate) {
			return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(certificate))
				.getSerialNumber();
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	private static SSLContext context(boolean withClientCertificate) throws IOException {
		try {
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			try (InputStream ca = resource("tls/ca.crt")) {
				trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
			}
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			KeyManagerFactory keyManagers = null;
			if (withClientCertificate) {
				KeyStore keys = KeyStore.getInstance("PKCS12");
				try (InputStream client = resource("tls/client.p12")) {
					keys.load(client, "secret".toCharArray());
				}
				keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(keys, "secret".toCharArray());
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
					null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	static InputStream resource(String path) throws IOException {
		@Nullable InputStream in = TlsClient.class.getClassLoader().getResourceAsStream(path);
		if (in == null) {
			throw new IOException("no resource " + path);
		}
		return in;
	}

}
