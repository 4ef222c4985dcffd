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

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.jspecify.annotations.Nullable;

/**
 * The test certificates of {@code src/test/resources/tls} (made by its
 * {@code generate.sh}) as {@link SSLContext}s: a server certificate for localhost,
 * 127.0.0.1 and ::1 from the test CA, a client certificate from the same CA, one from
 * another CA, an expired server certificate and one for another host.
 */
public final class TlsFixtures {

	static final char[] PASSWORD = "secret".toCharArray();

	private TlsFixtures() {
	}

	/** The server's certificate, trusting the test CA for client certificates. */
	public static SSLContext server() {
		return context("server.p12", "trust.p12");
	}

	/** A client without a certificate, trusting the test CA. */
	public static SSLContext client() {
		return context(null, "trust.p12");
	}

	/** A client with a certificate from the test CA. */
	static SSLContext clientWithCertificate() {
		return context("client.p12", "trust.p12");
	}

	/**
	 * A client with a certificate from another CA, which it presents although the server
	 * names the CAs it accepts (the JDK's key manager would otherwise send nothing).
	 */
	static SSLContext clientFromOtherCa() {
		try {
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(load("other-client.p12"), PASSWORD);
			X509ExtendedKeyManager keys = (X509ExtendedKeyManager) keyManagers.getKeyManagers()[0];
			String alias = keys.getClientAliases("EC", null)[0];
			X509ExtendedKeyManager always = new X509ExtendedKeyManager() {

				@Override
				public String[] getClientAliases(String keyType, Principal[] issuers) {
					return new String[] { alias };
				}

				@Override
				public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
					return alias;
				}

				@Override
				public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
					return alias;
				}

				@Override
				public String[] getServerAliases(String keyType, Principal[] issuers) {
					return new String[0];
				}

				@Override
				public @Nullable String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
					return null;
				}

				@Override
				public X509Certificate[] getCertificateChain(String name) {
					return keys.getCertificateChain(name);
				}

				@Override
				public PrivateKey getPrivateKey(String name) {
					return keys.getPrivateKey(name);
				}

			};
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(load("trust.p12"));
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(new KeyManager[] { always }, trustManagers.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot load other-client.p12", ex);
		}
	}

	static SSLContext context(@Nullable String keys, @Nullable String trust) {
		try {
			KeyManagerFactory keyManagers = null;
			if (keys != null) {
				keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(load(keys), PASSWORD);
			}
			TrustManagerFactory trustManagers = null;
			if (trust != null) {
				trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trustManagers.init(load(trust));
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null,
					(trustManagers != null) ? trustManagers.getTrustManagers() : null, null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot load the test certificates " + keys + ", " + trust, ex);
		}
	}

	static Path file(String name) {
		try {
			return Path.of(TlsFixtures.class.getResource("/tls/" + name).toURI());
		}
		catch (Exception ex) {
			throw new IllegalStateException(name, ex);
		}
	}

	private static KeyStore load(String name) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = TlsFixtures.class.getResourceAsStream("/tls/" + name)) {
			if (in == null) {
				throw new IllegalStateException("no test resource /tls/" + name);
			}
			store.load(in, PASSWORD);
		}
		return store;
	}

}
