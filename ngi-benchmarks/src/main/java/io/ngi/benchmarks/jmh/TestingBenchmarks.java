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

import java.util.concurrent.TimeUnit;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.testing.TestConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second through a testing connection pair: {@code write} on one end delivers
 * {@code handleInput} on the other, synchronously. Target: at least 5 million per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TestingBenchmarks {

	private final byte[] message = new byte[64];

	private TestConnection oneWay;

	private Counter oneWayCounter;

	private TestConnection pingPong;

	private Counter pingPongCounter;

	/**
	 * Connects the pairs: a counting peer, and an echoing peer answering a counting
	 * client.
	 */
	@Setup
	public void setUp() {
		this.oneWay = new TestConnection();
		this.oneWayCounter = new Counter();
		this.oneWay.peer().setHandler(this.oneWayCounter);
		this.pingPong = new TestConnection();
		this.pingPong.peer().setHandler((connection, data) -> connection.write(data));
		this.pingPongCounter = new Counter();
		this.pingPong.setHandler(this.pingPongCounter);
	}

	/**
	 * One {@code write}, one {@code handleInput} on the peer.
	 * @return events counted so far
	 */
	@Benchmark
	public long writeToPeer() {
		this.oneWay.write(this.message);
		return this.oneWayCounter.events;
	}

	/**
	 * A write echoed back by the peer's handler: two events per operation.
	 * @return events counted so far
	 */
	@Benchmark
	@OperationsPerInvocation(2)
	public long echoRoundTrip() {
		this.pingPong.write(this.message);
		return this.pingPongCounter.events;
	}

	/** Counts input events. */
	private static final class Counter implements ConnectionHandler {

		long events;

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.events++;
		}

	}

}
