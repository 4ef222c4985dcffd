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

import org.springframework.core.Ordered;

import io.ngi.FrameLimits;
import io.ngi.ListenOptions;

/**
 * Applies {@code ngi.servers.<name>.*} over {@code ngi.defaults.*} to a listener's
 * options, at order 0 so that the application's customizers come after it. The frame
 * limits reach the {@code Lines} and {@code Sized} adapters the listener's handlers make
 * without an explicit limit.
 */
final class NgiListenerPropertiesCustomizer implements NgiListenerCustomizer, Ordered {

	private final NgiProperties properties;

	NgiListenerPropertiesCustomizer(NgiProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(String name, ListenOptions.Builder options) {
		NgiListenerSettings settings = this.properties.listener(name);
		options.backlog(settings.backlog())
			.allowHalfClose(settings.allowHalfClose())
			.idleTimeout(settings.idleTimeout())
			.proxyProtocol(settings.proxyProtocol())
			.trustedProxies(settings.trustedProxies())
			.udpBufferSize(toInt(settings.udpBufferSize().toBytes()))
			.frameLimits(new FrameLimits(settings.maxLineLengthInBytes(), settings.maxFrameLengthInBytes()));
		if (settings.maxConnections() != -1) {
			options.maxConnections(settings.maxConnections());
		}
	}

	private static int toInt(long bytes) {
		return (int) Math.min(bytes, Integer.MAX_VALUE);
	}

	@Override
	public int getOrder() {
		return 0;
	}

}
