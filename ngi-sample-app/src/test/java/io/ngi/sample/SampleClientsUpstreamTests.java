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

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.ngi.spring.boot.autoconfigure.NgiRegisteredClient;
import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.TestListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code heartbeat} client pointed at another upstream
 * ({@code ngi.clients.heartbeat.address}), as the README does with {@code nc -l 9000}: it
 * waits while nothing listens there, and connects once the test stands the upstream up.
 */
@NgiTest(properties = "ngi.clients.heartbeat.address=127.0.0.1:9000")
@Import({ SampleServers.class, SampleClients.class })
class SampleClientsUpstreamTests {

	@Autowired
	private NgiTestClient ngi;

	@Autowired
	private Heartbeat heartbeat;

	@Test
	void heartbeatWaitsForItsUpstreamAndPingsItOnceItAppears() {
		NgiRegisteredClient client = this.ngi.client("heartbeat");
		assertThat(client.isConnected()).isFalse();
		assertThat(client.lastFailure()).isNotNull();
		StringBuilder received = new StringBuilder();
		TestListener upstream = this.ngi.listen("heartbeat", (connection) -> connection
			.setHandler((c, data) -> received.append(new String(data, StandardCharsets.UTF_8))));
		this.ngi.advance(Duration.ofSeconds(10));
		assertThat(client.isConnected()).isTrue();
		assertThat(received.toString()).startsWith("ping 1\n");
		upstream.connections().get(0).write("hello from nc\n".getBytes(StandardCharsets.UTF_8));
		assertThat(this.heartbeat.lastReply()).isEqualTo("hello from nc");
	}

}
