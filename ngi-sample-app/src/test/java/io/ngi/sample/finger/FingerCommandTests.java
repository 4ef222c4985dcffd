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

package io.ngi.sample.finger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ngi.Listener;
import io.ngi.NgiException;
import io.ngi.nio.NioImplementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's {@code finger} client ({@code /usr/bin/finger}, package {@code finger})
 * against the finger server on 127.0.0.1:79, the only port it talks to. Skipped when the
 * client is missing, or when port 79 cannot be bound (not root, or the port is taken).
 */
class FingerCommandTests {

	private static final Path FINGER = Path.of("/usr/bin/finger");

	private NioImplementation nio;

	private Listener listener;

	@BeforeEach
	void listenOnPort79() {
		assumeTrue(Files.isExecutable(FINGER),
				"/usr/bin/finger is not installed (apt-get install finger): skipping the real finger client");
		FingerUsers users = new FingerUsers();
		users.replaceFileUsers(Map.of("alice", "Happy and well", "bob", "Gone fishing"));
		this.nio = NioImplementation.builder().name("finger-command").loops(1).build();
		try {
			this.listener = this.nio.listen(new InetSocketAddress("127.0.0.1", 79),
					new FingerServer("finger", new LocalLookup(users), 512));
		}
		catch (NgiException ex) {
			assumeTrue(false, "127.0.0.1:79 cannot be bound (it needs root, and the port free): skipping the real"
					+ " finger client: " + ex.getMessage());
		}
	}

	@AfterEach
	void close() {
		if (this.listener != null) {
			this.listener.close();
		}
		if (this.nio != null) {
			this.nio.close();
		}
	}

	@Test
	void fingerGetsAUsersStatus() throws Exception {
		assertThat(finger("alice@127.0.0.1")).isEqualTo("Happy and well\n");
		assertThat(finger("nobody@127.0.0.1")).isEqualTo("No such user\n");
	}

	@Test
	void fingerWithoutAUserGetsTheList() throws Exception {
		assertThat(finger("@127.0.0.1")).isEqualTo("alice  Happy and well\nbob    Gone fishing\n");
	}

	@Test
	void fingerLongSendsTheVerbosePrefix() throws Exception {
		assertThat(finger("-l", "bob@127.0.0.1")).isEqualTo("Gone fishing\n");
	}

	private static String finger(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(FINGER.toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("finger " + String.join(" ", arguments) + " did not end within 10 s");
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
