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

import io.ngi.ConnectionHandler;
import io.ngi.imperative.ConnectionClosedException;
import io.ngi.imperative.Imperative;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one imperative hand-off: a {@code handleInput} call that wakes the body
 * thread, lets it take the input and write it back, and returns when the body waits
 * again. Compare with {@link #directHandler()}, the same echo as a plain event handler.
 * Run it on JDK 17 (platform body threads) and JDK 21+ (virtual body threads).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ImperativeBenchmarks {

	private final byte[] message = new byte[64];

	private SinkConnection imperative;

	private ConnectionHandler imperativeHandler;

	private final SinkConnection direct = new SinkConnection();

	private final ConnectionHandler directHandler = (connection, data) -> connection.write(data);

	/**
	 * Starts an echo body on a transport-less connection.
	 * @throws Exception if the body fails to start
	 */
	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.imperative = new SinkConnection();
		Imperative.handler((connection, input) -> {
			try {
				while (true) {
					connection.write(input.next());
				}
			}
			catch (ConnectionClosedException ex) {
				// The benchmark ended: the body returns.
			}
		}).connected(this.imperative);
		this.imperativeHandler = this.imperative.handler();
	}

	/** Ends the body by delivering a close. */
	@TearDown(Level.Trial)
	public void tearDown() {
		this.imperativeHandler.handleClose(this.imperative, "benchmark over");
	}

	/**
	 * One input through the imperative echo body (two thread hand-offs).
	 * @return the bytes written so far
	 * @throws Exception never: the body does not throw
	 */
	@Benchmark
	public long imperativeHandoff() throws Exception {
		this.imperativeHandler.handleInput(this.imperative, this.message);
		return this.imperative.written();
	}

	/**
	 * One input through the same echo written as an event handler.
	 * @return the bytes written so far
	 * @throws Exception never: the handler does not throw
	 */
	@Benchmark
	public long directHandler() throws Exception {
		this.directHandler.handleInput(this.direct, this.message);
		return this.direct.written();
	}

}
