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

package io.ngi.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.ngi.client.ReconnectingClient.State;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredClient;
import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code heartbeat} client in the {@code @NgiTest} slice: it connects to the
 * in-memory echo listener, pings it on virtual time, and reconnects after its connection
 * is dropped.
 */
@NgiTest(properties = "ngi.sample.heartbeat.interval=5s")
@Import({ SampleServers.class, SampleClients.class })
class SampleClientsTests {

	@Autowired
	private NgiTestClient ngi;

	@Autowired
	private Heartbeat heartbeat;

	@Test
	void heartbeatPingsTheEchoListenerAndGetsEachPingBack() {
		NgiRegisteredClient client = this.ngi.client("heartbeat");
		assertThat(client.isConnected()).isTrue();
		assertThat(client.address()).isEqualTo(this.ngi.address("echo"));
		long before = this.heartbeat.replies();
		this.ngi.advance(Duration.ofSeconds(15));
		assertThat(this.heartbeat.replies()).isEqualTo(before + 3);
		assertThat(this.heartbeat.lastReply()).startsWith("PING ");
	}

	@Test
	void heartbeatReconnectsWhenTheUpstreamDropsItsConnection() {
		NgiRegisteredClient client = this.ngi.client("heartbeat");
		client.connection().close();
		assertThat(client.state()).isEqualTo(State.WAITING);
		this.ngi.advance(Duration.ofMillis(200));
		assertThat(client.isConnected()).isTrue();
		long before = this.heartbeat.replies();
		this.ngi.advance(Duration.ofSeconds(5));
		assertThat(this.heartbeat.replies()).isGreaterThan(before);
	}

}
