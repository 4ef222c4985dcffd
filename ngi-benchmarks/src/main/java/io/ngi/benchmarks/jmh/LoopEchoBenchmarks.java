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

package io.ngi.benchmarks.jmh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.ngi.Listener;
import io.ngi.nio.NioImplementation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 64-byte echo round trip through a real NIO loop on loopback, with blocked-loop
 * detection on (the default, 500 ms) and off: what the loop's per-unit monitoring costs.
 * Run with {@code -prof gc} to compare the bytes allocated per round trip
 * ({@code gc.alloc.rate.norm}), which include the server's fresh input array and the
 * client's side; detection must add nothing to them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LoopEchoBenchmarks {

	/** Whether the blocked-loop watchdog watches the loop. */
	@Param({ "on", "off" })
	public String detection;

	private NioImplementation ngi;

	private Listener listener;

	private SocketChannel client;

	private final ByteBuffer request = ByteBuffer.allocateDirect(64);

	private final ByteBuffer response = ByteBuffer.allocateDirect(64);

	/**
	 * Starts an echo listener and connects a blocking client to it.
	 * @throws IOException if the client cannot connect
	 */
	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.ngi = NioImplementation.builder()
			.name("echo-" + this.detection)
			.blockedLoopThreshold(
					"on".equals(this.detection) ? NioImplementation.DEFAULT_BLOCKED_LOOP_THRESHOLD : Duration.ZERO)
			.build();
		this.listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)));
		this.client = SocketChannel.open(this.listener.address());
		this.client.setOption(StandardSocketOptions.TCP_NODELAY, true);
		while (this.request.hasRemaining()) {
			this.request.put((byte) 'x');
		}
	}

	/**
	 * Closes the client and the implementation.
	 * @throws IOException if the client fails to close
	 */
	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.client.close();
		this.listener.close();
		this.ngi.close();
	}

	/**
	 * Sends 64 bytes and reads the echo.
	 * @return the last byte received
	 * @throws IOException if the connection fails
	 */
	@Benchmark
	public byte roundTrip() throws IOException {
		this.request.clear();
		while (this.request.hasRemaining()) {
			this.client.write(this.request);
		}
		this.response.clear();
		while (this.response.hasRemaining()) {
			if (this.client.read(this.response) < 0) {
				throw new IOException("closed");
			}
		}
		return this.response.get(63);
	}

}
