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

package io.ngi.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of a server child process: starts one echo server (with TLS when asked),
 * prints {@code READY tcp=<port> udp=<port>} and answers the harness on standard input
 * ({@code heap}: heap in use after full collections; {@code exit} or end of input: stop).
 */
final class ServerMain {

	private ServerMain() {
	}

	static void run(ServerKind kind, boolean tls) throws Exception {
		try (EchoServer server = kind.start(tls)) {
			System.out.println("READY tcp=" + server.tcpPort() + " udp=" + server.udpPort());
			System.out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null && !line.equals("exit")) {
				if (line.equals("heap")) {
					System.out.println("HEAP " + heapAfterGc());
					System.out.flush();
				}
			}
		}
	}

	static long heapAfterGc() throws InterruptedException {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(50);
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
