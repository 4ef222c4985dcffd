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
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.nio.NioImplementation;
import io.ngi.spring.boot.actuate.NgiMetrics;

/**
 * A plain harness (not a test) that measures what NGI's metrics cost on an echo server:
 * round trips per second with no observer (meters off) against the registry's counting
 * observer with Micrometer meters bound to it (meters on). Rounds alternate to spread
 * machine noise, and which one goes first alternates too. Run with:
 *
 * <pre>
 * ./mvnw -q -pl ngi-spring-boot-autoconfigure -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp ngi-spring-boot-autoconfigure/target/test-classes:ngi-spring-boot-autoconfigure/target/classes:\
 * ngi-core/target/classes:$(cat /tmp/cp.txt) io.ngi.spring.boot.autoconfigure.MetricsOverheadHarness 4 3 3
 * </pre>
 *
 * The arguments are client connections, seconds per round and rounds.
 */
public final class MetricsOverheadHarness {

	private MetricsOverheadHarness() {
	}

	/**
	 * Runs the measurement and prints the ratio.
	 * @param args clients, seconds per round, rounds (defaults 4, 3, 3)
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		int clients = (args.length > 0) ? Integer.parseInt(args[0]) : 4;
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
		long off = 0;
		long on = 0;
		try (NioImplementation ngi = NioImplementation.builder().name("ngi-loop").loops(2).build()) {
			run(ngi, false, clients, 1);
			run(ngi, true, clients, 1);
			for (int round = 0; round < rounds; round++) {
				boolean onFirst = round % 2 == 1;
				long onRound = onFirst ? run(ngi, true, clients, seconds) : 0;
				long offRound = run(ngi, false, clients, seconds);
				if (!onFirst) {
					onRound = run(ngi, true, clients, seconds);
				}
				System.out.printf("round %d: meters off %d round trips/s, meters on %d round trips/s%n", round + 1,
						offRound / seconds, onRound / seconds);
				off += offRound;
				on += onRound;
			}
		}
		System.out.printf("echo throughput, meters on / meters off = %.3f%n", (double) on / off);
	}

	private static long run(NioImplementation ngi, boolean meters, int clients, int seconds) throws Exception {
		ListenOptions.Builder options = ListenOptions.builder();
		if (meters) {
			NgiListenerStatistics statistics = new NgiListenerStatistics();
			options.observer(statistics.observer());
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			NgiRegisteredListener registered = new NgiRegisteredListener("echo", "echo",
					new NgiProperties().listener("echo", "127.0.0.1:0"), new InetSocketAddress("127.0.0.1", 0),
					NgiTransport.TCP, (c) -> {
					}, null, ListenOptions.builder(), statistics, null);
			new NgiMetrics(registry).bind(registered);
		}
		Listener listener = ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)), options.build());
		int port = ((InetSocketAddress) listener.address()).getPort();
		AtomicBoolean running = new AtomicBoolean(true);
		LongAdder roundTrips = new LongAdder();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(() -> pingPong(port, running, roundTrips), "harness-client-" + i);
			thread.start();
			threads.add(thread);
		}
		Thread.sleep(seconds * 1000L);
		running.set(false);
		for (Thread thread : threads) {
			thread.join();
		}
		listener.close();
		return roundTrips.sum();
	}

	private static void pingPong(int port, AtomicBoolean running, LongAdder roundTrips) {
		byte[] message = new byte[64];
		try (Socket socket = new Socket()) {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress("127.0.0.1", port));
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			while (running.get()) {
				out.write(message);
				in.readNBytes(message.length);
				roundTrips.increment();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
