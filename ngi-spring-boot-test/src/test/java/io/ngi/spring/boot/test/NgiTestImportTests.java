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

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.ngi.spring.boot.test.sample.EchoServer;
import io.ngi.spring.boot.test.sample.ReverseServerConfiguration;
import io.ngi.spring.boot.test.sample.ShoutServer;
import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;

@NgiTest(servers = { EchoServer.class, ShoutServer.class }, properties = "echo.address=127.0.0.1:7")
@Import(ReverseServerConfiguration.class)
class NgiTestImportTests {

	@Autowired
	private NgiTestClient ngi;

	@Test
	void serversAttributeShouldLimitTheScanAndImportShouldAddBeanDefinedServers() {
		assertThat(this.ngi.listenerNames()).containsExactlyInAnyOrder("echo", "shout", "reverse");
	}

	@Test
	void handlerComponentThatIsNoListenerShouldBeScannedWhenServersAreLimited() {
		TestConnection client = this.ngi.connect("shout");
		client.write("quiet".getBytes(StandardCharsets.UTF_8));
		assertThat(client.output()).isEqualTo("-> 'QUIET'");
	}

	@Test
	void beanDefinedServerShouldWorkWhenItsConfigurationIsImported() {
		TestConnection client = this.ngi.connect("reverse");
		client.write("stressed".getBytes(StandardCharsets.UTF_8));
		assertThat(client.output()).isEqualTo("-> 'desserts'");
	}

	@Test
	void propertiesAttributeShouldReachTheEnvironment() {
		assertThat(this.ngi.address("echo")).hasToString("/127.0.0.1:7");
		TestConnection client = this.ngi.connect("echo");
		client.write("hi".getBytes(StandardCharsets.UTF_8));
		assertThat(client.output()).isEqualTo("-> 'hi'");
	}

}
