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
