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

package io.ngi.spring.boot.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.ngi.Connection;
import io.ngi.client.ReconnectingClient.State;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredClient;
import io.ngi.spring.boot.test.sample.EchoServer;
import io.ngi.spring.boot.test.sample.FeedClientConfiguration;
import io.ngi.spring.boot.test.sample.FeedClientConfiguration.FeedLog;
import io.ngi.testing.TestListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code @NgiClient} beans in the slice: they connect to its in-memory listeners, and to
 * upstreams a test stands up with {@link NgiTestClient#listen}; virtual time drives their
 * backoff.
 */
@NgiTest(servers = EchoServer.class,
		properties = { "ngi.clients.feed.backoff.initial=1s", "ngi.clients.feed.backoff.max=10s" })
@Import(FeedClientConfiguration.class)
class NgiTestClientsTests {

	private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

	@Autowired
	private NgiTestClient ngi;

	@Autowired
	private FeedLog log;

	@Test
	void clientShouldConnectToAListenerOfTheSlice() {
		NgiRegisteredClient loopback = this.ngi.client("loopback");
		assertThat(loopback.isConnected()).isTrue();
		assertThat(loopback.address()).isEqualTo(this.ngi.address("local-echo"));
		assertThat(this.log.loopback).contains("hi");
	}

	@Test
	void upstreamStoodUpByNameShouldBeReachedAfterTheBackoffAndReconnectedAfterADrop() {
		NgiRegisteredClient feed = this.ngi.client("feed");
		assertThat(feed.isConnected()).isFalse();
		TestListener upstream = this.ngi.listen("feed", (connection) -> connection.setHandler((c, data) -> {
		}));
		this.ngi.advance(LONGEST_WAIT);
		assertThat(feed.isConnected()).isTrue();
		int handlers = this.log.handlers.size();
		upstream.connections().get(0).write("tick".getBytes(StandardCharsets.UTF_8));
		assertThat(this.log.handlers.get(handlers - 1).received).hasToString("tick");

		upstream.close();
		assertThat(feed.state()).isEqualTo(State.WAITING);
		this.ngi.advance(LONGEST_WAIT);
		assertThat(feed.isConnected()).isFalse();
		assertThat(feed.consecutiveFailures()).isPositive();

		TestListener again = this.ngi.listen("10.0.0.1:9000", (connection) -> connection.setHandler((c, data) -> {
		}));
		this.ngi.advance(LONGEST_WAIT);
		assertThat(feed.isConnected()).isTrue();
		assertThat(again.connections()).hasSize(1);
		Connection upstreamEnd = again.connections().get(0);
		upstreamEnd.write("tock".getBytes(StandardCharsets.UTF_8));
		// A prototype handler: a new one for the new connection.
		assertThat(this.log.handlers).hasSize(handlers + 1);
		assertThat(this.log.handlers.get(handlers).received).hasToString("tock");
		assertThat(this.log.handlers.get(handlers - 1).received).hasToString("tick");
	}

	@Test
	void applicationShouldWriteThroughTheClientByName() {
		TestListener upstream = this.ngi.listen("feed", (connection) -> connection.setHandler(Connection::write));
		this.ngi.advance(LONGEST_WAIT);
		NgiRegisteredClient feed = this.ngi.client("feed");
		assertThat(feed.write("echo me".getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(this.log.handlers.get(this.log.handlers.size() - 1).received).hasToString("echo me");
		upstream.close();
		assertThat(feed.write("lost".getBytes(StandardCharsets.UTF_8))).isFalse();
	}

	@Test
	void listenShouldNameTheClientsWhenGivenNeither() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.ngi.listen("no such thing", (connection) -> {
		})).withMessageContaining("neither the name of an NGI client").withMessageContaining("feed");
	}

}
