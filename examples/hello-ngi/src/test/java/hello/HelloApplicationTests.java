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

package hello;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import io.ngi.spring.boot.test.LocalNgiPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a real socket: one property moves every listener to a free
 * port, and {@link LocalNgiPort} tells the test which.
 */
@SpringBootTest(properties = "ngi.ephemeral-ports=true")
class HelloApplicationTests {

	@LocalNgiPort("hello")
	private int port;

	@Test
	void greetsOverTcp() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write("Grace\n".getBytes(StandardCharsets.UTF_8));
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			assertThat(in.readLine()).isEqualTo("Hello, Grace!");
		}
	}

}
