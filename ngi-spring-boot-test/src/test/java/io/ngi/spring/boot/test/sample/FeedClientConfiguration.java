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

package io.ngi.spring.boot.test.sample;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Server;
import io.ngi.spring.annotation.NgiClient;
import io.ngi.spring.annotation.NgiServer;

/**
 * Declares two clients with {@code @Bean} methods: {@code feed}, a prototype handler per
 * connection, to an upstream the test stands up, and {@code loopback}, to a listener of
 * the same context. An {@code @NgiTest} loads them only when the test imports this
 * configuration.
 */
@Configuration(proxyBeanMethods = false)
public class FeedClientConfiguration {

	@Bean
	public FeedLog feedLog() {
		return new FeedLog();
	}

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@NgiClient(name = "feed", address = "${feed.address:10.0.0.1:9000}")
	ConnectionHandler feed(FeedLog log) {
		return new FeedHandler(log);
	}

	@Bean
	@NgiServer(name = "local-echo", address = "127.0.0.1:0")
	ConnectionHandler localEcho() {
		return Connection::write;
	}

	@Bean
	@NgiClient(name = "loopback", address = "127.0.0.1:${local.ngi.local-echo.port}")
	Server loopback(FeedLog log) {
		return (connection) -> {
			connection.setHandler((c, data) -> log.loopback.add(new String(data, StandardCharsets.UTF_8)));
			connection.write("hi");
		};
	}

	/**
	 * What the clients received.
	 */
	public static final class FeedLog {

		/** Every feed handler, in creation order. */
		public final List<FeedHandler> handlers = new CopyOnWriteArrayList<>();

		/** What the loopback client received. */
		public final List<String> loopback = new CopyOnWriteArrayList<>();

	}

	/**
	 * The handler of one feed connection.
	 */
	public static final class FeedHandler implements ConnectionHandler {

		/** What this connection received. */
		public final StringBuilder received = new StringBuilder();

		FeedHandler(FeedLog log) {
			log.handlers.add(this);
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.received.append(new String(data, StandardCharsets.UTF_8));
		}

	}

}
