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

import io.ngi.ListenOptions;

/**
 * Customizes the options of the listeners of {@code @NgiServer} and
 * {@code @NgiUdpHandler} beans. Every customizer bean is applied, in
 * {@link org.springframework.core.annotation.Order @Order}, to each listener's
 * {@link ListenOptions.Builder}; the one that applies {@code ngi.servers.<name>.*} and
 * {@code ngi.defaults.*} (backlog, max-connections, udp-buffer-size, max-line-length,
 * max-frame-length, allow-half-close, idle-timeout, proxy-protocol, trusted-proxies) has
 * order 0, so a customizer with a later order (the default) overrides them for the
 * listeners it chooses. TLS ({@code ngi.servers.<name>.ssl.*}) and the metrics observer
 * are set after every customizer.
 *
 * {@snippet :
 * &#64;Bean
 * NgiListenerCustomizer slowClients() {
 * 	return (name, options) -> {
 * 		if (name.equals("telnet")) {
 * 			options.outputLimit(64 * 1024);
 * 		}
 * 	};
 * }
 * }
 */
@FunctionalInterface
public interface NgiListenerCustomizer {

	/**
	 * Customizes one listener's options. Called once per listener when the context's
	 * singletons are instantiated, before any listener opens.
	 * @param name the listener's name ({@code @NgiServer(name = ...)})
	 * @param options the listener's options builder
	 */
	void customize(String name, ListenOptions.Builder options);

}
