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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.adapters.Lines;
import io.ngi.adapters.Sized;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the framing adapters: records decoded per second when a chunk carrying
 * {@value #RECORDS} records arrives, and records encoded per second by
 * {@code Sized.write}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AdapterBenchmarks {

	static final int RECORDS = 16;

	/** Payload size of each record in bytes. */
	@Param({ "64" })
	public int size;

	private final SinkConnection sink = new SinkConnection();

	private Lines lines;

	private Sized sized;

	private byte[] lineChunk;

	private byte[] sizedChunk;

	private byte[] payload;

	/**
	 * Builds the adapters over a transport-less connection and the input chunks.
	 */
	@Setup
	public void setUp() {
		this.payload = "x".repeat(this.size).getBytes(StandardCharsets.US_ASCII);
		this.lineChunk = ("y".repeat(this.size - 1) + "\n").repeat(RECORDS).getBytes(StandardCharsets.US_ASCII);
		ByteBuffer frames = ByteBuffer.allocate(RECORDS * (4 + this.size));
		for (int i = 0; i < RECORDS; i++) {
			frames.putInt(this.size).put(this.payload);
		}
		this.sizedChunk = frames.array();
		this.lines = new Lines(this.sink);
		this.sized = new Sized(this.sink);
	}

	/**
	 * Splits one chunk of {@value #RECORDS} lines.
	 * @param blackhole receives every line
	 * @throws Exception never: the handler does not throw
	 */
	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public void linesDecode(Blackhole blackhole) throws Exception {
		this.lines.setHandler(new Consumer(blackhole));
		this.lines.handleInput(this.sink, this.lineChunk);
	}

	/**
	 * Splits one chunk of {@value #RECORDS} size-prefixed frames.
	 * @param blackhole receives every frame
	 * @throws Exception never: the handler does not throw
	 */
	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public void sizedDecode(Blackhole blackhole) throws Exception {
		this.sized.setHandler(new Consumer(blackhole));
		this.sized.handleInput(this.sink, this.sizedChunk);
	}

	/**
	 * Encodes one frame (length, then payload) onto the sink.
	 * @return the bytes written so far, so the write is not eliminated
	 */
	@Benchmark
	public long sizedEncode() {
		this.sized.write(this.payload);
		return this.sink.written();
	}

	/** Hands every record to the blackhole. */
	private static final class Consumer implements ConnectionHandler {

		private final Blackhole blackhole;

		Consumer(Blackhole blackhole) {
			this.blackhole = blackhole;
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.blackhole.consume(data);
		}

	}

}
