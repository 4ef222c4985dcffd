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

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.support.SpringFactoriesLoader;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.spring.annotation.NgiServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class NgiStartupFailureAnalyzerTests {

	@Test
	void springFactoriesShouldRegisterTheAnalyzer() {
		// Boot's own analyzers need constructor arguments; only ours matters here
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
			}));
		assertThat(analyzers).hasAtLeastOneElementOfType(NgiStartupFailureAnalyzer.class);
	}

	@Test
	void analyzerWhenCauseIsNotNgiShouldNotAnalyze() {
		assertThat(new NgiStartupFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
	}

	@Test
	void portInUseOnRealSocketsShouldFailStartupWithBootReport(CapturedOutput output) throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			String address = "127.0.0.1:" + taken.getLocalPort();
			assertThatException()
				.isThrownBy(() -> new SpringApplicationBuilder(EchoApplication.class).web(WebApplicationType.NONE)
					.properties("spring.main.banner-mode=off", "ngi.servers.echo.address=" + address)
					.run())
				.satisfies((ex) -> {
					FailureAnalysis analysis = new NgiStartupFailureAnalyzer().analyze(ex);
					assertThat(analysis).isNotNull();
					assertThat(analysis.getDescription()).contains("'echo'", "already in use", address);
				});
			assertThat(output).contains("APPLICATION FAILED TO START", "already in use", "ngi.servers.echo.address");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> SocketClient.liveNgiThreads().isEmpty());
	}

	@Test
	void configurationMetadataShouldDescribeEveryPropertyWithDefault() throws Exception {
		String json;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		List<Map<String, Object>> properties = JsonPath.read(json, "$.properties[*]");
		assertThat(properties).hasSizeGreaterThanOrEqualTo(12);
		for (Map<String, Object> property : properties) {
			assertThat(property.get("description")).as("description of %s", property.get("name")).isNotNull();
			assertThat(property.get("defaultValue")).as("default of %s", property.get("name")).isNotNull();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EchoApplication {

		@NgiServer(name = "echo")
		ConnectionHandler echo() {
			return new ConnectionHandler() {

				@Override
				public void handleInput(Connection connection, byte[] data) {
					connection.write(data);
				}

			};
		}

	}

}
