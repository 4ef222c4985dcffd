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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;

/**
 * Command line of the benchmarks jar.
 * <ul>
 * <li>{@code compare [options]}: every server in turn under the same load (see
 * README);</li>
 * <li>{@code server <kind>}: run one echo server (used by {@code compare} for its child
 * processes);</li>
 * <li>{@code client --port P [options]}: drive any echo server on 127.0.0.1;</li>
 * <li>{@code jmh [JMH options]}: the JMH microbenchmarks.</li>
 * </ul>
 */
public final class Main {

	private Main() {
	}

	/**
	 * Runs a command.
	 * @param args the command and its options
	 * @throws Exception if the command fails
	 */
	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			usage();
			System.exit(2);
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		switch (args[0]) {
			case "compare" -> Compare.main(rest);
			case "server" -> {
				boolean tls = rest.length == 2 && rest[1].equals("--tls");
				if (rest.length != 1 && !tls) {
					throw new IllegalArgumentException("server needs one of " + ServerKind.ids() + " [--tls]");
				}
				ServerMain.run(ServerKind.of(rest[0]), tls);
			}
			case "client" -> client(rest);
			case "jmh" -> org.openjdk.jmh.Main.main(rest);
			default -> {
				usage();
				System.exit(2);
			}
		}
	}

	private static void client(String[] args) throws Exception {
		int port = 0;
		String mode = "tcp";
		String[] compareArgs = new String[0];
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--port")) {
				port = Integer.parseInt(args[++i]);
			}
			else if (args[i].equals("--mode")) {
				mode = args[++i];
			}
			else {
				compareArgs = Arrays.copyOf(compareArgs, compareArgs.length + 1);
				compareArgs[compareArgs.length - 1] = args[i];
			}
		}
		CompareOptions options = CompareOptions.parse(compareArgs);
		LoadSpec load = options.load();
		ClientTls tls = options.tls() ? new ClientTls(BenchTls.client(), options.tlsCipherSuites()) : null;
		InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
		Mode chosen = Mode.of(mode);
		Measurement m = switch (chosen) {
			case TCP -> LoadClient.tcpEcho(address, load, Probe.NONE, tls);
			case UDP -> LoadClient.udpEcho(address, load, Probe.NONE);
			case FLOOD -> LoadClient.tcpFlood(address, load, Probe.NONE);
			case BULK -> LoadClient.bulk(address, load, Probe.NONE, tls);
			case HANDSHAKE -> LoadClient.handshakes(address, load, Probe.NONE, tls);
			case IDLE -> throw new IllegalArgumentException("idle mode needs a server started by compare");
		};
		System.out.printf(Locale.ROOT, "%,.1f %s/s  p50 %.1f us  p99 %.1f us  p99.9 %.1f us  lost %d  %s%n",
				m.rate() / chosen.unitSize(), chosen.unit(), m.p50Micros(), m.p99Micros(), m.p999Micros(), m.lost(),
				m.tls());
	}

	private static void usage() {
		System.err.println("usage: java -jar ngi-benchmarks.jar compare [--smoke] [--duration 10s] [--warmup 3s]"
				+ " [--rounds 3] [--servers " + ServerKind.ids() + "] [--modes tcp,udp,flood,idle,bulk,handshake]"
				+ " [--tls] [--tls-ciphers TLS_AES_128_GCM_SHA256] [--connections 100] [--window 1] [--size 64] [--flood-window 262144]"
				+ " [--idle-connections 10000] [--bulk-connections 4] [--bulk-size 1048576]"
				+ " [--handshake-connections 16] [--server-jvm-args \"-Xmx256m\"] [--out dir] [--name echo]\n"
				+ "       java -jar ngi-benchmarks.jar server <kind> [--tls]\n"
				+ "       java -jar ngi-benchmarks.jar client --port P [--mode tcp|udp|flood|bulk|handshake] [--tls]"
				+ " [load options]\n" + "       java -jar ngi-benchmarks.jar jmh [JMH options]");
	}

}
