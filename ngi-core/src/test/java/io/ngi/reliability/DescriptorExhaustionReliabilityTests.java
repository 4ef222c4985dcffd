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

package io.ngi.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Descriptor exhaustion: a child JVM with {@code ulimit -n 64} serves echo; the parent
 * opens connections until its accepts fail with "Too many open files". The listener must
 * log the failures with back-off (a bounded number of lines, not a spin), keep serving
 * the connections it has, and accept again once descriptors are free.
 */
class DescriptorExhaustionReliabilityTests {

	private static final int OPEN_FILE_LIMIT = 64;

	private static final int CONNECTIONS = 120;

	@Test
	void acceptFailuresBackOffAndTheServerRecoversWhenDescriptorsFreeUp() throws Exception {
		List<Socket> sockets = new ArrayList<>();
		try (ChildJvm child = ChildJvm.start(OPEN_FILE_LIMIT, EchoServerMain.class)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> child.valueOf("PORT") != null || !child.isAlive());
			assertThat(child.valueOf("PORT")).as("child output %s", child.lines()).isNotNull();
			InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(child.valueOf("PORT")));
			for (int i = 0; i < CONNECTIONS; i++) {
				Socket socket = new Socket();
				sockets.add(socket);
				socket.connect(address, 5000);
				socket.setSoTimeout(10_000);
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> child.count("pausing accepts") >= 1);
			long exhaustedAt = System.nanoTime();
			await().atMost(Duration.ofSeconds(20)).until(() -> child.count("pausing accepts") >= 4);
			assertThat(echo(sockets.get(0), "still served")).isEqualTo("still served");
			double seconds = (System.nanoTime() - exhaustedAt) / 1e9;
			long failureLines = child.count("accept failed");
			Scale.report("descriptor exhaustion",
					String.format("%d accept-failure lines in %.2f s of exhaustion", failureLines, seconds));
			assertThat(failureLines).as("accept-failure lines in %.1f s (a spin logs thousands)", seconds)
				.isLessThanOrEqualTo((long) (seconds * 10) + 5);
			assertThat(child.lines()).anyMatch((line) -> line.contains("Too many open files"));

			for (Socket socket : sockets) {
				socket.close();
			}
			sockets.clear();
			await().atMost(Duration.ofSeconds(20)).until(() -> freshConnectionEchoes(address));
			assertThat(child.isAlive()).isTrue();
			assertThat(child.lines()).noneMatch((line) -> line.contains("ERROR"));
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private static boolean freshConnectionEchoes(InetSocketAddress address) throws IOException {
		try (Socket fresh = new Socket()) {
			fresh.connect(address, 5000);
			fresh.setSoTimeout(5000);
			return "recovered".equals(echo(fresh, "recovered"));
		}
	}

	private static String echo(Socket socket, String text) throws IOException {
		byte[] sent = text.getBytes(StandardCharsets.UTF_8);
		socket.getOutputStream().write(sent);
		InputStream in = socket.getInputStream();
		byte[] received = in.readNBytes(sent.length);
		return new String(received, StandardCharsets.UTF_8);
	}

}
