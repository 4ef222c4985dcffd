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

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;

import io.ngi.Addresses;
import io.ngi.ClientAuth;
import io.ngi.ConnectOptions;
import io.ngi.ConnectionHandler;
import io.ngi.Server;
import io.ngi.TlsOptions;
import io.ngi.client.Backoff;
import io.ngi.spring.annotation.NgiClient;

/**
 * Finds the beans annotated {@link NgiClient}, checks them against their
 * {@code ngi.clients.<name>.*} properties, and turns each into an
 * {@link NgiRegisteredClient}. Every problem a user can fix is an
 * {@link NgiStartupException} naming the client, the bean and the fix.
 * <p>
 * An address that uses a {@code local.ngi.<listener>.port} placeholder (a client of the
 * application's own listener) cannot be resolved yet: the port is only known once the
 * listeners opened. It is kept as text and resolved by {@link NgiClientRegistry#start()};
 * every other address is parsed here, so a bad one fails before anything opens.
 */
final class NgiClientCollector {

	private static final Logger logger = LoggerFactory.getLogger(NgiClientCollector.class);

	private static final String LOCAL_PORTS = "local.ngi.";

	private final ConfigurableListableBeanFactory beanFactory;

	private final Environment environment;

	private final NgiProperties properties;

	NgiClientCollector(ConfigurableListableBeanFactory beanFactory, Environment environment, NgiProperties properties) {
		this.beanFactory = beanFactory;
		this.environment = environment;
		this.properties = properties;
	}

	/**
	 * Collects the enabled clients.
	 * @param listenerNames the names the listeners already use
	 * @return the clients, in bean registration order
	 */
	List<NgiRegisteredClient> collect(Collection<String> listenerNames) {
		Map<String, String> beanByName = new LinkedHashMap<>();
		List<NgiRegisteredClient> clients = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(NgiClient.class)) {
			NgiClient annotation = this.beanFactory.findAnnotationOnBean(beanName, NgiClient.class);
			if (annotation == null) {
				continue;
			}
			String name = resolve(beanName, "name", annotation.name());
			if (name.isBlank()) {
				name = beanName;
			}
			String other = beanByName.putIfAbsent(name, beanName);
			if (other != null || listenerNames.contains(name)) {
				String holder = (other != null) ? "the @NgiClient bean '" + other + "'" : "an NGI listener";
				throw new NgiStartupException(
						"Two NGI components are named '" + name + "': " + holder + " and the @NgiClient bean '"
								+ beanName + "'.",
						"Give each @NgiServer, @NgiUdpHandler and @NgiClient a unique name, for example"
								+ " @NgiClient(name = \"" + name + "-client\") on bean '" + beanName + "'.",
						null);
			}
			NgiClientProperties settings = this.properties.getClients().getOrDefault(name, new NgiClientProperties());
			if (!settings.isEnabled()) {
				continue;
			}
			clients.add(client(name, beanName, resolve(beanName, "address", annotation.address()), settings));
		}
		for (String configured : this.properties.getClients().keySet()) {
			if (!beanByName.containsKey(configured)) {
				logger.warn("ngi.clients.{}.* is set but no @NgiClient is named '{}' (names: {})", configured,
						configured, beanByName.keySet());
			}
		}
		return clients;
	}

	private NgiRegisteredClient client(String name, String beanName, String annotationAddress,
			NgiClientProperties settings) {
		String what = "NGI client '" + name + "' (bean '" + beanName + "')";
		String address = hasText(settings.getAddress()) ? settings.getAddress().strip()
				: hasText(annotationAddress) ? annotationAddress.strip() : null;
		if (address == null) {
			throw new NgiStartupException(what + " has no address to connect to.",
					"Set the address on the annotation, for example @NgiClient(name = \"" + name
							+ "\", address = \"${upstream.address}\"), or set the property ngi.clients." + name
							+ ".address (\"host:port\", \"[::1]:port\" or \"unix:/path\").",
					null);
		}
		Server server = server(name, beanName);
		Backoff backoff = backoff(what, name, settings);
		SocketAddress parsed = address.contains("${" + LOCAL_PORTS) ? null : parse(what, name, address);
		NgiListenerTls tls = tls(what, name, settings.getSsl());
		ConnectOptions options = options(what, name, settings, tls, parsed);
		return new NgiRegisteredClient(name, beanName, address, parsed, server, backoff,
				settings.getBackoff().getResetAfter(), options, settings.isRequired(), tls,
				this.beanFactory.getBeanProvider(NgiClientCustomizer.class).orderedStream().toList());
	}

	private Server server(String name, String beanName) {
		Class<?> type = this.beanFactory.getType(beanName);
		if (type != null && Server.class.isAssignableFrom(type)) {
			return this.beanFactory.getBean(beanName, Server.class);
		}
		if (type != null && ConnectionHandler.class.isAssignableFrom(type)) {
			// A client has one connection at a time, so a singleton handler is never
			// called
			// concurrently (unlike a server's): no warning about its fields.
			if (this.beanFactory.isSingleton(beanName)) {
				ConnectionHandler handler = this.beanFactory.getBean(beanName, ConnectionHandler.class);
				return (connection) -> connection.setHandler(handler);
			}
			ConfigurableListableBeanFactory factory = this.beanFactory;
			return (connection) -> connection.setHandler(factory.getBean(beanName, ConnectionHandler.class));
		}
		String actual = (type != null) ? type.getName() : "an unknown type";
		throw new NgiStartupException(
				"Bean '" + beanName + "' is annotated @NgiClient (client '" + name + "') but its type " + actual
						+ " is not " + Server.class.getName() + " or " + ConnectionHandler.class.getName() + ".",
				"Make bean '" + beanName + "' implement io.ngi.Server (called with each new connection) or"
						+ " io.ngi.ConnectionHandler (the handler of each connection).",
				null);
	}

	private static Backoff backoff(String what, String name, NgiClientProperties settings) {
		NgiClientProperties.Backoff backoff = settings.getBackoff();
		try {
			return Backoff.exponential(backoff.getInitial(), backoff.getMax());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new NgiStartupException(what + " has an invalid backoff: " + ex.getMessage(),
					"Set ngi.clients." + name
							+ ".backoff.initial to a positive duration (such as 100ms) and ngi.clients." + name
							+ ".backoff.max to one at least as long (such as 30s).",
					ex);
		}
	}

	/**
	 * Parses a client's address; a client needs a host and port (or a Unix path), so the
	 * listeners' {@code ":port"} form, which means "every interface", is refused.
	 */
	static SocketAddress parse(String what, String name, String address) {
		SocketAddress parsed;
		try {
			parsed = Addresses.parseForConnect(address);
		}
		catch (IllegalArgumentException ex) {
			throw invalidAddress(what, name, address, ex.getMessage(), ex);
		}
		if (parsed instanceof InetSocketAddress inet && (inet.getPort() == 0 || address.startsWith(":"))) {
			throw invalidAddress(what, name, address, "a client needs a host and a port other than 0", null);
		}
		return parsed;
	}

	private static NgiStartupException invalidAddress(String what, String name, String address, String problem,
			@Nullable Throwable cause) {
		return new NgiStartupException(what + " has an invalid address '" + address + "': " + problem,
				"Fix the address on the @NgiClient annotation or in ngi.clients." + name
						+ ".address: use \"host:port\", \"[::1]:port\" or \"unix:/path\".",
				cause);
	}

	private @Nullable NgiListenerTls tls(String what, String name, NgiClientProperties.Ssl ssl) {
		String bundleName = hasText(ssl.getBundle()) ? ssl.getBundle().strip() : null;
		if (bundleName == null) {
			return null;
		}
		SslBundles bundles = this.beanFactory.getBeanProvider(SslBundles.class).getIfUnique();
		SslBundle bundle = NgiListenerTls.bundle(bundles, what, "ngi.clients." + name + ".ssl.bundle", bundleName,
				"with a truststore that verifies the server");
		try {
			// The listeners' TLS holder serves clients as well: it makes the context from
			// the bundle and swaps it when the bundle is reloaded.
			NgiListenerTls tls = new NgiListenerTls(name, bundleName, bundle, ClientAuth.NONE,
					TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT);
			Objects.requireNonNull(bundles, "bundles").addBundleUpdateHandler(bundleName, tls::reload);
			return tls;
		}
		catch (RuntimeException ex) {
			throw new NgiStartupException(what + " cannot use the SSL bundle '" + bundleName + "': " + ex.getMessage(),
					"Check spring.ssl.bundle.*." + bundleName + " (its trust store, and the key and its password if"
							+ " it holds a client certificate).",
					ex);
		}
	}

	private static ConnectOptions options(String what, String name, NgiClientProperties settings,
			@Nullable NgiListenerTls tls, @Nullable SocketAddress address) {
		try {
			ConnectOptions.Builder builder = ConnectOptions.builder()
				.timeout(settings.getConnectTimeout())
				.idleTimeout(settings.getIdleTimeout());
			if (tls != null) {
				String serverName = hasText(settings.getSsl().getServerName())
						? settings.getSsl().getServerName().strip() : null;
				builder.tls(TlsOptions.builder(tls::context)
					.protocols(tls.protocols().toArray(String[]::new))
					.cipherSuites(tls.cipherSuites().toArray(String[]::new))
					.serverName(serverName)
					.build());
			}
			return builder.build();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new NgiStartupException(what + " has an invalid setting: " + ex.getMessage(),
					"Fix ngi.clients." + name + ".* (connect-timeout and idle-timeout are not negative,"
							+ " ssl.server-name is a host name).",
					ex);
		}
	}

	private String resolve(String beanName, String attribute, String value) {
		try {
			return this.environment.resolveRequiredPlaceholders(value);
		}
		catch (IllegalArgumentException ex) {
			String partial = this.environment.resolvePlaceholders(value);
			if (partial.contains("${" + LOCAL_PORTS)) {
				// Resolved at start, once the application's listeners have their ports.
				return partial;
			}
			throw new NgiStartupException(
					"The " + attribute + " '" + value + "' of @NgiClient on bean '" + beanName
							+ "' has a placeholder that cannot be resolved: " + ex.getMessage(),
					"Define the property, or give the placeholder a default such as"
							+ " ${upstream.address:127.0.0.1:9000}.",
					ex);
		}
	}

	private static boolean hasText(@Nullable String text) {
		return text != null && !text.isBlank();
	}

}
