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

import io.ngi.client.ReconnectingClient;

/**
 * Customizes the {@link ReconnectingClient} of each {@code @NgiClient} bean: a backoff of
 * your own, an observer of its state changes, or anything else its
 * {@link ReconnectingClient.Builder} offers. Every customizer bean is applied, in
 * {@link org.springframework.core.annotation.Order @Order}, each time a client starts
 * (when the context starts), after {@code ngi.clients.<name>.*} (backoff, reset-after,
 * connect options, TLS) and the metrics observer were set: what a customizer sets wins,
 * and an observer it adds is called after the metrics' one. {@code options(...)} replaces
 * the connect options as a whole (connect-timeout, idle-timeout and TLS included). Do not
 * call {@code build()}: the starter does.
 *
 * {@snippet :
 * &#64;Bean
 * NgiClientCustomizer steadyFeed() {
 * 	return (name, builder) -> {
 * 		if (name.equals("feed")) {
 * 			builder.backoff(Backoff.fixed(Duration.ofSeconds(2)));
 * 		}
 * 	};
 * }
 * }
 */
@FunctionalInterface
public interface NgiClientCustomizer {

	/**
	 * Customizes one client's builder. Called each time the client starts, before it
	 * connects.
	 * @param name the client's name ({@code @NgiClient(name = ...)})
	 * @param builder the client's builder
	 */
	void customize(String name, ReconnectingClient.Builder builder);

}
