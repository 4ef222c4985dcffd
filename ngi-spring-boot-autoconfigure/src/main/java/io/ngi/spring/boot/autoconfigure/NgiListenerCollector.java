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

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import io.ngi.Addresses;
import io.ngi.ConnectionHandler;
import io.ngi.Implementation;
import io.ngi.ListenOptions;
import io.ngi.Server;
import io.ngi.UdpHandler;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.annotation.NgiUdpHandler;
import io.ngi.testing.TestingImplementation;

/**
 * Finds the beans annotated {@link NgiServer} or {@link NgiUdpHandler} (on the class or
 * on the {@code @Bean} method), checks them, and turns each into an
 * {@link NgiRegisteredListener}. Every problem a user can fix is an
 * {@link NgiStartupException} naming the bean.
 */
final class NgiListenerCollector {

	private static final Logger logger = LoggerFactory.getLogger(NgiListenerCollector.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final Environment environment;

	private final NgiProperties properties;

	private final Function<String, NgiListenerStatistics> statistics;

	private final List<NgiListenerCustomizer> customizers;

	NgiListenerCollector(ConfigurableListableBeanFactory beanFactory, Environment environment, NgiProperties properties,
			Function<String, NgiListenerStatistics> statistics) {
		this.beanFactory = beanFactory;
		this.environment = environment;
		this.properties = properties;
		this.statistics = statistics;
		this.customizers = beanFactory.getBeanProvider(NgiListenerCustomizer.class).orderedStream().toList();
	}

	List<NgiRegisteredListener> collect() {
		Map<String, String> beanByName = new LinkedHashMap<>();
		List<NgiRegisteredListener> listeners = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(NgiServer.class)) {
			NgiServer annotation = this.beanFactory.findAnnotationOnBean(beanName, NgiServer.class);
			if (annotation != null) {
				collect(beanName, "@NgiServer", annotation.name(), annotation.address(), false, beanByName, listeners);
			}
		}
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(NgiUdpHandler.class)) {
			NgiUdpHandler annotation = this.beanFactory.findAnnotationOnBean(beanName, NgiUdpHandler.class);
			if (annotation != null) {
				collect(beanName, "@NgiUdpHandler", annotation.name(), annotation.address(), true, beanByName,
						listeners);
			}
		}
		// A test slice on the testing implementation leaves listeners out on purpose;
		// their
		// settings are no mistake there.
		boolean slice = this.beanFactory.getBeanProvider(Implementation.class)
			.getIfUnique() instanceof TestingImplementation;
		for (String configured : this.properties.getServers().keySet()) {
			if (!beanByName.containsKey(configured)) {
				String message = "ngi.servers.{}.* is set but no @NgiServer or @NgiUdpHandler is named '{}' (names: {})";
				if (slice) {
					logger.debug(message, configured, configured, beanByName.keySet());
				}
				else {
					logger.warn(message, configured, configured, beanByName.keySet());
				}
			}
		}
		return listeners;
	}

	private void collect(String beanName, String annotation, String rawName, String rawAddress, boolean udp,
			Map<String, String> beanByName, List<NgiRegisteredListener> listeners) {
		String name = resolve(beanName, annotation, "name", rawName);
		if (name.isBlank()) {
			name = beanName;
		}
		String other = beanByName.putIfAbsent(name, beanName);
		if (other != null) {
			throw new NgiStartupException(
					"Two NGI listeners are named '" + name + "': beans '" + other + "' and '" + beanName + "'.",
					"Give each @NgiServer and @NgiUdpHandler a unique name, for example @NgiServer(name = \"" + name
							+ "-2\") on bean '" + beanName + "'. Names are shared by TCP and UDP listeners.",
					null);
		}
		NgiListenerSettings settings = this.properties.listener(name,
				resolve(beanName, annotation, "address", rawAddress));
		if (!settings.enabled()) {
			return;
		}
		SocketAddress address = parseAddress(beanName, annotation, settings, udp);
		Class<?> type = this.beanFactory.getType(beanName);
		ListenOptions.Builder options = options(beanName, settings);
		if (udp) {
			if (type == null || !UdpHandler.class.isAssignableFrom(type)) {
				throw wrongType(beanName, annotation, name, type, UdpHandler.class.getName());
			}
			if (settings.ssl().enabled()) {
				throw new NgiStartupException(
						"NGI UDP listener '" + name + "' (bean '" + beanName + "') has the SSL bundle '"
								+ settings.ssl().bundle() + "', but TLS needs a TCP or Unix socket listener.",
						"Remove ngi.servers." + name + ".ssl.bundle, or serve TLS from an @NgiServer.", null);
			}
			UdpHandler handler = this.beanFactory.getBean(beanName, UdpHandler.class);
			listeners.add(new NgiRegisteredListener(name, beanName, settings, address, NgiTransport.UDP, null, handler,
					options, this.statistics.apply(name), null));
			return;
		}
		Server server = server(beanName, annotation, name, type);
		NgiListenerTls tls = tls(beanName, settings);
		listeners.add(new NgiRegisteredListener(name, beanName, settings, address, NgiTransport.ofStream(address),
				server, null, options, this.statistics.apply(name), tls));
	}

	private Server server(String beanName, String annotation, String name, @Nullable Class<?> type) {
		if (type != null && Server.class.isAssignableFrom(type)) {
			return this.beanFactory.getBean(beanName, Server.class);
		}
		if (type != null && ConnectionHandler.class.isAssignableFrom(type)) {
			if (this.beanFactory.isSingleton(beanName)) {
				ConnectionHandler handler = this.beanFactory.getBean(beanName, ConnectionHandler.class);
				warnIfMutable(name, beanName, handler);
				return (connection) -> connection.setHandler(handler);
			}
			ConfigurableListableBeanFactory factory = this.beanFactory;
			return (connection) -> connection.setHandler(factory.getBean(beanName, ConnectionHandler.class));
		}
		throw wrongType(beanName, annotation, name, type,
				Server.class.getName() + " or " + ConnectionHandler.class.getName());
	}

	/**
	 * A singleton handler is shared by every connection and called from every loop thread
	 * at once: instance fields that are neither final nor volatile are almost always
	 * per-connection state that then races. Warns once, naming them and the fix.
	 */
	private static void warnIfMutable(String name, String beanName, ConnectionHandler handler) {
		List<String> fields = new ArrayList<>();
		for (Class<?> type = ClassUtils.getUserClass(handler); type != null
				&& type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				int modifiers = field.getModifiers();
				if (!Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers) && !Modifier.isVolatile(modifiers)
						&& !field.isSynthetic()) {
					fields.add(field.getName());
				}
			}
		}
		if (!fields.isEmpty()) {
			logger.warn(
					"@NgiServer '{}': singleton handler bean '{}' is shared by every connection and called from "
							+ "several loop threads at once, and has mutable fields {}; annotate it "
							+ "@Scope(\"prototype\") for one handler per connection, or make it thread-safe",
					name, beanName, fields);
		}
	}

	private NgiStartupException wrongType(String beanName, String annotation, String name, @Nullable Class<?> type,
			String expected) {
		String actual = (type != null) ? type.getName() : "an unknown type";
		String action = "Make bean '" + beanName + "' implement " + expected;
		action += annotation.equals("@NgiServer")
				? ", or annotate a " + UdpHandler.class.getName() + " with @NgiUdpHandler instead."
				: ", or annotate a Server or ConnectionHandler with @NgiServer instead.";
		return new NgiStartupException("Bean '" + beanName + "' is annotated " + annotation + " (listener '" + name
				+ "') but its type " + actual + " is not " + expected + ".", action, null);
	}

	private String resolve(String beanName, String annotation, String attribute, String value) {
		try {
			return this.environment.resolveRequiredPlaceholders(value);
		}
		catch (IllegalArgumentException ex) {
			throw new NgiStartupException(
					"The " + attribute + " '" + value + "' of " + annotation + " on bean '" + beanName
							+ "' has a placeholder that cannot be resolved: " + ex.getMessage(),
					"Define the property, or give the placeholder a default such as ${echo.port:0}.", ex);
		}
	}

	private SocketAddress parseAddress(String beanName, String annotation, NgiListenerSettings settings, boolean udp) {
		String name = settings.name();
		String address = settings.address();
		if (address == null) {
			throw new NgiStartupException("NGI listener '" + name + "' (bean '" + beanName + "') has no address.",
					"Set the address on the annotation, for example " + annotation + "(name = \"" + name
							+ "\", address = \":8000\"), or set the property ngi.servers." + name
							+ ".address (\"host:port\", \":port\", \"[::1]:port\" or \"unix:/path\"; port 0 for any free port).",
					null);
		}
		SocketAddress parsed;
		try {
			parsed = Addresses.parse(address);
		}
		catch (IllegalArgumentException ex) {
			throw new NgiStartupException(
					"NGI listener '" + name + "' (bean '" + beanName + "') has an invalid address: " + ex.getMessage(),
					"Fix the address on bean '" + beanName + "' or in ngi.servers." + name
							+ ".address: use \"host:port\", \":port\", \"[::1]:port\" or \"unix:/path\".",
					ex);
		}
		if (udp && parsed instanceof UnixDomainSocketAddress) {
			throw new NgiStartupException(
					"NGI UDP listener '" + name + "' (bean '" + beanName + "') has a Unix socket address '" + address
							+ "'; UDP needs an IP address.",
					"Use \"host:port\" or \":port\" for ngi.servers." + name + ".address.", null);
		}
		if (this.properties.isEphemeralPorts() && parsed instanceof InetSocketAddress inet) {
			// A test switch: the same host, any free port (published as
			// local.ngi.<name>.port).
			return inet.isUnresolved() ? InetSocketAddress.createUnresolved(inet.getHostString(), 0)
					: new InetSocketAddress(inet.getAddress(), 0);
		}
		return parsed;
	}

	/**
	 * Makes the listener's TLS from its SSL bundle, and has the bundle's updates swap the
	 * context that new connections use.
	 */
	private @Nullable NgiListenerTls tls(String beanName, NgiListenerSettings settings) {
		NgiListenerSettings.Ssl ssl = settings.ssl();
		String bundleName = ssl.bundle();
		if (bundleName == null) {
			return null;
		}
		String name = settings.name();
		String listener = "NGI listener '" + name + "' (bean '" + beanName + "')";
		SslBundles bundles = this.beanFactory.getBeanProvider(SslBundles.class).getIfUnique();
		SslBundle bundle = NgiListenerTls.bundle(bundles, listener, "ngi.servers." + name + ".ssl.bundle", bundleName,
				"PEM certificate and private key");
		NgiListenerTls tls;
		try {
			tls = new NgiListenerTls(name, bundleName, bundle, ssl.clientAuth(), ssl.handshakeTimeout());
		}
		catch (RuntimeException ex) {
			throw new NgiStartupException(
					listener + " cannot use the SSL bundle '" + bundleName + "': " + ex.getMessage(),
					"Check spring.ssl.bundle.*." + bundleName + " (the key must match the certificate, the key store "
							+ "and key passwords must be right) and ngi.servers." + name
							+ ".ssl.handshake-timeout (not negative).",
					ex);
		}
		Objects.requireNonNull(bundles, "bundles").addBundleUpdateHandler(bundleName, tls::reload);
		return tls;
	}

	private ListenOptions.Builder options(String beanName, NgiListenerSettings settings) {
		ListenOptions.Builder builder = ListenOptions.builder();
		Object current = null;
		try {
			for (NgiListenerCustomizer customizer : this.customizers) {
				current = customizer;
				customizer.customize(settings.name(), builder);
			}
			return builder;
		}
		catch (IllegalArgumentException ex) {
			boolean properties = current instanceof NgiListenerPropertiesCustomizer;
			throw new NgiStartupException(
					"NGI listener '" + settings.name() + "' (bean '" + beanName + "') has an invalid setting: "
							+ ex.getMessage(),
					properties ? "Fix ngi.servers." + settings.name() + ".* or ngi.defaults.*."
							: "Fix the NgiListenerCustomizer " + current + " that set it.",
					ex);
		}
	}

}
