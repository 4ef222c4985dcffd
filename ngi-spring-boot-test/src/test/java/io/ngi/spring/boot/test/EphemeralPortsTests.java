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

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ngi.ephemeral-ports=true}, the one switch a {@code @SpringBootTest} on real
 * sockets needs: the listener configured on a fixed port binds a free one on the same
 * host, and {@link LocalNgiPort @LocalNgiPort} hands the test that port.
 */
@SpringBootTest(classes = NgiTestApplication.class,
		properties = { "ngi.ephemeral-ports=true", "echo.address=127.0.0.1:7", "ngi.loops=1" })
class EphemeralPortsTests {

	@LocalNgiPort("echo")
	private int echoPort;

	@LocalNgiPort("echo")
	private String echoPortText;

	@Autowired
	private NgiListenerRegistry registry;

	@Test
	void theListenerBindsAFreePortOnItsHostAndTheTestGetsIt() throws Exception {
		InetSocketAddress bound = (InetSocketAddress) this.registry.listener("echo").boundAddress();
		assertThat(bound.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
		assertThat(bound.getPort()).isNotEqualTo(7).isEqualTo(this.echoPort);
		assertThat(this.echoPortText).isEqualTo(Integer.toString(this.echoPort));
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.echoPort), 5000);
			socket.setSoTimeout(5000);
			socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(4);
			assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("ping");
		}
	}

}
