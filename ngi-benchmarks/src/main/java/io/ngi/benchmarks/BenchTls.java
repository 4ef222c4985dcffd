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

import java.io.InputStream;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * The TLS keys of the benchmarks: {@code /tls/server.p12}, a test certificate for
 * localhost and 127.0.0.1 (ECDSA P-256) from ngi-core's test CA, which every TLS server
 * serves, and {@code /tls/trust.p12}, that CA, which the load client trusts. Test keys,
 * copied from {@code ngi-core/src/test/resources/tls}; never use them elsewhere.
 */
final class BenchTls {

	private static final char[] PASSWORD = "secret".toCharArray();

	private BenchTls() {
	}

	/**
	 * Returns the server's keys, for a server {@link SSLContext} or Netty's
	 * {@code SslContextBuilder.forServer}.
	 * @return the key managers of {@code server.p12}
	 */
	static KeyManagerFactory serverKeys() {
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(load("server.p12"), PASSWORD);
			return keys;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot load /tls/server.p12", ex);
		}
	}

	/**
	 * Returns a server context with {@code server.p12} (JDK provider).
	 * @return a new context
	 */
	static SSLContext server() {
		return context(serverKeys(), null);
	}

	/**
	 * Returns a client context that trusts the test CA (JDK provider).
	 * @return a new context
	 */
	static SSLContext client() {
		try {
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(load("trust.p12"));
			return context(null, trust);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot load /tls/trust.p12", ex);
		}
	}

	private static SSLContext context(@Nullable KeyManagerFactory keys, @Nullable TrustManagerFactory trust) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keys != null) ? keys.getKeyManagers() : null,
					(trust != null) ? trust.getTrustManagers() : null, null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot create an SSLContext", ex);
		}
	}

	private static KeyStore load(String name) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = BenchTls.class.getResourceAsStream("/tls/" + name)) {
			if (in == null) {
				throw new IllegalStateException("no resource /tls/" + name);
			}
			store.load(in, PASSWORD);
		}
		return store;
	}

}
