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

package io.ngi.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Makes a bean the handler of an NGI client that stays connected: a managed
 * {@link io.ngi.client.ReconnectingClient} that connects once the application context is
 * refreshed, reconnects with backoff after failures and closes, and is closed when the
 * context closes.
 * <p>
 * Put it on a class (it is a {@link Component}) or on a method of a
 * {@code @Configuration} class (it is a {@link Bean}). The bean is an
 * {@link io.ngi.Server}, called with each new connection (it sets the handler), or a
 * {@link io.ngi.ConnectionHandler}: a singleton is set on every connection (the client
 * has one at a time), a prototype-scoped one ({@code @Scope("prototype")}) is created for
 * each. Attributes accept {@code ${...}} placeholders, including the
 * {@code local.ngi.<listener>.port} of the application's own listeners. The properties
 * {@code ngi.clients.<name>.*} override them. Names are unique across {@link NgiServer},
 * {@link NgiUdpHandler} and {@code @NgiClient}.
 * <p>
 * Write to the current connection through {@code NgiClientRegistry}:
 * {@code registry.client("upstream").write(bytes)} returns {@code false} while the client
 * is disconnected.
 *
 * {@snippet :
 * &#64;NgiClient(name = "upstream", address = "${upstream.address}")
 * class Feed implements ConnectionHandler {
 *
 * 	public void handleInput(Connection connection, byte[] data) {
 * 		// what the upstream sent
 * 	}
 *
 * }
 * }
 */
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@Bean
public @interface NgiClient {

	/**
	 * Returns the client's name, used in {@code ngi.clients.<name>.*}, metrics tags, the
	 * endpoint and health. Empty means the bean name.
	 * @return the name
	 */
	String name() default "";

	/**
	 * Returns the address to connect to, in a form {@link io.ngi.Addresses#parse} reads:
	 * {@code "host:port"}, {@code "[::1]:port"} or {@code "unix:/path"}. Empty means it
	 * must come from {@code ngi.clients.<name>.address}. A host name is looked up at
	 * every connect, so the client follows it to a new address, and a name that does not
	 * resolve yet is a failed connect (retried with backoff), not a failed startup.
	 * @return the address
	 */
	String address() default "";

}
