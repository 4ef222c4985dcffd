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

package io.ngi.nio;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer thread writing to a reader slower than itself, pacing on
 * {@link Connection#isWritable()} and {@link ConnectionHandler#handleWritable}: the queue
 * never holds more than the high-water mark plus one write. 256 MiB by default, 1 GiB
 * with {@code -Dngi.test.backpressureBytes=1073741824}; the peak is printed.
 */
class NioBackpressureTests {

	private static final long TOTAL = Long.getLong("ngi.test.backpressureBytes", 256L * 1024 * 1024);

	private static final int CHUNK = 16 * 1024;

	private static final long HIGH_WATER_MARK = 256 * 1024;

	private final NioImplementation ngi = NioImplementation.builder().name("backpressure").build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	@Test
	void aPacedProducerNeverQueuesMoreThanTheHighWaterMarkPlusOneWrite() throws Exception {
		Semaphore writable = new Semaphore(0);
		CompletableFuture<Connection> accepted = new CompletableFuture<>();
		AtomicReference<CloseReason> closed = new AtomicReference<>();
		AtomicLong turnedWritable = new AtomicLong();
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			connection.setHandler(new ConnectionHandler() {

				@Override
				public void handleInput(Connection c, byte[] data) {
				}

				@Override
				public void handleWritable(Connection c) {
					turnedWritable.incrementAndGet();
					writable.release();
				}

				@Override
				public void handleClose(Connection c, CloseReason reason) {
					closed.set(reason);
				}

			});
			accepted.complete(connection);
		}, ListenOptions.builder()
			.outputHighWaterMark(HIGH_WATER_MARK)
			.outputLowWaterMark(HIGH_WATER_MARK / 4)
			.outputLimit(4 * HIGH_WATER_MARK)
			.build());
		InetSocketAddress address = (InetSocketAddress) listener.address();
		try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
			socket.setSoTimeout(30_000);
			// A small receive buffer and small reads keep the reader the slow side.
			socket.setReceiveBufferSize(64 * 1024);
			NioConnection connection = (NioConnection) accepted.get(10, TimeUnit.SECONDS);
			CompletableFuture<Long> produced = CompletableFuture.supplyAsync(() -> produce(connection, writable));
			long started = System.nanoTime();
			long read = readAll(socket.getInputStream(), TOTAL);
			long elapsed = System.nanoTime() - started;
			assertThat(produced.get(60, TimeUnit.SECONDS)).isEqualTo(TOTAL);
			assertThat(read).isEqualTo(TOTAL);
			long peak = connection.peakQueuedBytes();
			System.out.printf(
					"[backpressure] %d MiB paced to a reader slower than the producer in %.1f s, "
							+ "the producer waited for handleWritable %d times: peak queued %d B (high-water mark %d B "
							+ "+ one write %d B = %d B)%n",
					TOTAL >> 20, elapsed / 1e9, turnedWritable.get(), peak, HIGH_WATER_MARK, CHUNK,
					HIGH_WATER_MARK + CHUNK);
			assertThat(turnedWritable.get()).as("the reader was the slow side").isPositive();
			assertThat(peak).isLessThanOrEqualTo(HIGH_WATER_MARK + CHUNK);
			assertThat(closed.get()).isNull();
		}
		listener.close();
	}

	private static long produce(Connection connection, Semaphore writable) {
		byte[] chunk = new byte[CHUNK];
		long sent = 0;
		try {
			while (sent < TOTAL) {
				if (!connection.isWritable()) {
					if (!writable.tryAcquire(30, TimeUnit.SECONDS)) {
						throw new IllegalStateException("not writable again within 30 s after " + sent + " bytes");
					}
					continue;
				}
				connection.write(chunk);
				sent += CHUNK;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return sent;
	}

	private static long readAll(InputStream in, long total) throws Exception {
		byte[] buffer = new byte[8 * 1024];
		long read = 0;
		while (read < total) {
			int count = in.read(buffer);
			if (count < 0) {
				break;
			}
			read += count;
		}
		return read;
	}

}
