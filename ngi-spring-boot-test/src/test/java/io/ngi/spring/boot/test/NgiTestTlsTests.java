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
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;

import io.ngi.ClientAuth;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;
import io.ngi.spring.boot.autoconfigure.NgiListenerTls;
import io.ngi.spring.boot.test.sample.EchoServer;
import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener configured with an SSL bundle starts in the slice: {@code @NgiTest} imports
 * Boot's SslAutoConfiguration, so the bundle is resolved (a wrong name fails the slice as
 * it fails the application), and the testing implementation takes the TLS options and
 * delivers plaintext.
 */
@NgiTest(servers = EchoServer.class,
		properties = { "spring.ssl.bundle.pem.server.keystore.certificate=classpath:tls/server.crt",
				"spring.ssl.bundle.pem.server.keystore.private-key=classpath:tls/server.key",
				"ngi.servers.echo.ssl.bundle=server", "ngi.servers.echo.ssl.client-auth=need" })
class NgiTestTlsTests {

	@Autowired
	private NgiTestClient ngi;

	@Autowired
	private ApplicationContext context;

	@Test
	void tlsListenerShouldStartAndDeliverPlaintext() {
		assertThat(this.context.getBeansOfType(SslBundles.class)).hasSize(1);
		NgiListenerTls tls = this.context.getBean(NgiListenerRegistry.class).listener("echo").tls();
		assertThat(tls).isNotNull();
		assertThat(tls.bundle()).isEqualTo("server");
		assertThat(tls.clientAuth()).isEqualTo(ClientAuth.NEED);
		TestConnection client = this.ngi.connect("echo");
		client.write("hi".getBytes(StandardCharsets.UTF_8));
		assertThat(client.output()).isEqualTo("-> 'hi'");
	}

}
