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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The output path of {@link NioImplementation}: large and gathered writes, graceful
 * close, lazy {@code writeLines} and bounded memory.
 */
class NioOutputTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final NioImplementation ngi = NioImplementation.builder().name("output-test").build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	private static byte[] pattern(int size) {
		byte[] data = new byte[size];
		for (int i = 0; i < size; i++) {
			data[i] = (byte) (i * 31 + (i >> 8));
		}
		return data;
	}

	@Test
	void singleWriteOf240001BytesArrivesWhole() throws Exception {
		byte[] data = pattern(240_001);
		Listener listener = this.ngi.listen(null, (connection) -> connection.write(data));
		Recorder client = new Recorder();
		this.ngi.connect(listener.address(), client);
		await().atMost(WAIT).until(() -> client.size() >= data.length);
		assertThat(client.bytes()).isEqualTo(data);
		listener.close();
	}

	@Test
	void threeMegabytesWrittenThenClosedArriveBeforeEndOfInput() throws Exception {
		byte[] data = pattern(3 * 1024 * 1024);
		Listener listener = this.ngi.listen(null, (connection) -> {
			for (int offset = 0; offset < data.length; offset += 100_000) {
				byte[] chunk = new byte[Math.min(100_000, data.length - offset)];
				System.arraycopy(data, offset, chunk, 0, chunk.length);
				connection.write(chunk);
			}
			connection.close();
			assertThatIllegalStateException().isThrownBy(() -> connection.write(new byte[1]))
				.withMessage("write called on closed connection");
		});
		Recorder client = new Recorder();
		this.ngi.connect(listener.address(), client);
		assertThat(client.closed.get(30, TimeUnit.SECONDS)).isEqualTo("end of input");
		assertThat(client.sizeAtClose).isEqualTo(data.length);
		assertThat(client.bytes()).isEqualTo(data);
		listener.close();
	}

	@Test
	void manySmallWritesAreGatheredIntoOneSocketWrite() throws Exception {
		List<Integer> sends = new CopyOnWriteArrayList<>();
		ListenerObserver observer = new ListenerObserver() {
			@Override
			public void bytesSent(int bytes) {
				sends.add(bytes);
			}
		};
		Listener listener = this.ngi.listen(null, (connection) -> connection.setHandler((c, data) -> {
			for (int i = 0; i < 1000; i++) {
				c.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
			}
		}), ListenOptions.builder().observer(observer).build());
		Recorder client = new Recorder(new byte[] { 'x' });
		this.ngi.connect(listener.address(), client);
		int expected = 0;
		for (int i = 0; i < 1000; i++) {
			expected += ("line " + i + "\n").length();
		}
		int total = expected;
		await().atMost(WAIT).until(() -> client.size() == total);
		assertThat(client.text()).startsWith("line 0\nline 1\n").endsWith("line 999\n");
		assertThat(sends).hasSizeLessThan(10);
		assertThat(sends.stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
		listener.close();
	}

	@Test
	void writeLinesStreamsFromALazyIterableWithFlatHeap() throws Exception {
		long total = Long.getLong("ngi.test.streamBytes", 64L * 1024 * 1024);
		int chunk = 64 * 1024;
		AtomicLong produced = new AtomicLong();
		Iterable<byte[]> lazy = () -> new Iterator<>() {

			@Override
			public boolean hasNext() {
				return produced.get() < total;
			}

			@Override
			public byte[] next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				int size = (int) Math.min(chunk, total - produced.get());
				byte[] item = new byte[size];
				item[0] = 1;
				produced.addAndGet(size);
				return item;
			}

		};
		Listener listener = this.ngi.listen(null, (connection) -> {
			connection.writeLines(lazy);
			connection.close();
		});
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		long baseline = memory.getHeapMemoryUsage().getUsed();
		AtomicLong received = new AtomicLong();
		AtomicLong maxAhead = new AtomicLong();
		List<Long> heapSamples = new ArrayList<>();
		CompletableFuture<String> closed = new CompletableFuture<>();
		this.ngi.connect(listener.address(), new ClientConnectHandler() {
			@Override
			public void connected(Connection connection) {
				connection.setHandler(new ConnectionHandler() {
					@Override
					public void handleInput(Connection c, byte[] data) {
						long now = received.addAndGet(data.length);
						maxAhead.accumulateAndGet(produced.get() - now, Math::max);
					}

					@Override
					public void handleClose(Connection c, String reason) {
						closed.complete(reason);
					}
				});
			}

			@Override
			public void failedConnect(String reason) {
				closed.complete("failed " + reason);
			}
		});
		while (!closed.isDone()) {
			System.gc();
			heapSamples.add(memory.getHeapMemoryUsage().getUsed() - baseline);
			try {
				closed.get(200, TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.TimeoutException ex) {
				// sample again
			}
			if (heapSamples.size() > 3000) {
				break;
			}
		}
		assertThat(closed.get(1, TimeUnit.SECONDS)).isEqualTo("end of input");
		assertThat(received.get()).isEqualTo(total);
		long maxHeapGrowth = heapSamples.stream().mapToLong(Long::longValue).max().orElse(0);
		System.out.printf(
				"writeLines streamed %d bytes: producer at most %d bytes ahead of the reader, "
						+ "max heap growth after GC %d bytes over %d samples%n",
				total, maxAhead.get(), maxHeapGrowth, heapSamples.size());
		assertThat(maxAhead.get()).isLessThan(32L * 1024 * 1024);
		assertThat(maxHeapGrowth).isLessThan(Math.min(total / 2, 32L * 1024 * 1024));
		listener.close();
	}

	@Test
	void clientThatNeverReadsCannotGrowServerOutputPastTheBound() throws Exception {
		byte[] reply = new byte[1000];
		Listener listener = this.ngi.listen(null, (connection) -> connection.setHandler((c, data) -> {
			for (int i = 0; i < data.length / 100; i++) {
				c.write(reply);
			}
		}));
		InetSocketAddress address = (InetSocketAddress) listener.address();
		try (SocketChannel client = SocketChannel.open(address)) {
			client.configureBlocking(false);
			ByteBuffer requests = ByteBuffer.allocate(100 * 1000);
			AtomicLong written = new AtomicLong();
			await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
				requests.clear();
				written.addAndGet(client.write(requests));
				return !listener.connections().isEmpty()
						&& ((NioConnection) listener.connections().iterator().next()).isReadingPaused();
			});
			// Keep pushing requests: a paused server must not read them, so its output
			// stays bounded.
			for (int i = 0; i < 20; i++) {
				requests.clear();
				written.addAndGet(client.write(requests));
				await().pollDelay(Duration.ofMillis(10)).atMost(Duration.ofSeconds(1)).until(() -> true);
			}
			long sent = written.get();
			NioConnection server = (NioConnection) listener.connections().iterator().next();
			long bound = NioImplementation.DEFAULT_OUTPUT_HIGH_WATER_MARK + 10L * EventLoop.BUFFER_SIZE;
			System.out.printf("client sent %d bytes without reading; server queued at most %d bytes (bound %d), "
					+ "reading paused: %s%n", sent, server.peakQueuedBytes(), bound, server.isReadingPaused());
			assertThat(sent).isGreaterThan(NioImplementation.DEFAULT_OUTPUT_HIGH_WATER_MARK / 10);
			assertThat(server.isReadingPaused()).isTrue();
			assertThat(server.peakQueuedBytes()).isGreaterThan(NioImplementation.DEFAULT_OUTPUT_HIGH_WATER_MARK)
				.isLessThanOrEqualTo(bound);
			assertThat(server.isOpen()).isTrue();
		}
		listener.close();
	}

	@Test
	void readingResumesOnceTheOutputDrains() throws Exception {
		byte[] reply = new byte[1000];
		Listener listener = this.ngi.listen(null, (connection) -> connection.setHandler((c, data) -> {
			for (int i = 0; i < data.length / 100; i++) {
				c.write(reply);
			}
		}));
		try (SocketChannel client = SocketChannel.open(listener.address())) {
			client.configureBlocking(false);
			ByteBuffer requests = ByteBuffer.allocate(100 * 1000);
			NioConnection[] server = new NioConnection[1];
			await().atMost(WAIT).until(() -> {
				requests.clear();
				client.write(requests);
				if (server[0] == null && !listener.connections().isEmpty()) {
					server[0] = (NioConnection) listener.connections().iterator().next();
				}
				return server[0] != null && server[0].isReadingPaused();
			});
			ByteBuffer sink = ByteBuffer.allocate(1024 * 1024);
			await().atMost(WAIT).until(() -> {
				sink.clear();
				client.read(sink);
				return !server[0].isReadingPaused();
			});
		}
		listener.close();
	}

	@Test
	void outputAboveTheHardCapClosesTheConnectionWithAClearReason() throws Exception {
		NioImplementation capped = NioImplementation.builder()
			.name("capped")
			.outputLowWaterMark(16 * 1024)
			.outputHighWaterMark(64 * 1024)
			.outputLimit(1024 * 1024)
			.build();
		try {
			CompletableFuture<String> serverClosed = new CompletableFuture<>();
			Listener listener = capped.listen(null, (connection) -> connection.setHandler(new ConnectionHandler() {
				@Override
				public void handleInput(Connection c, byte[] data) {
					for (int i = 0; i < 40; i++) {
						c.write(new byte[64 * 1024]);
					}
				}

				@Override
				public void handleClose(Connection c, String reason) {
					serverClosed.complete(reason);
				}
			}));
			try (SocketChannel client = SocketChannel.open(listener.address())) {
				client.write(ByteBuffer.wrap(new byte[] { 1 }));
				assertThat(serverClosed.get(10, TimeUnit.SECONDS))
					.matches("output limit exceeded \\(\\d+ bytes queued\\)");
			}
			listener.close();
		}
		finally {
			capped.close();
		}
	}

	@Test
	void writesAfterPeerCloseAreDroppedSilently() throws Exception {
		CompletableFuture<Connection> serverSide = new CompletableFuture<>();
		CompletableFuture<String> reason = new CompletableFuture<>();
		Listener listener = this.ngi.listen(null, (connection) -> {
			connection.setHandler(new ConnectionHandler() {
				@Override
				public void handleInput(Connection c, byte[] data) {
				}

				@Override
				public void handleClose(Connection c, String why) {
					reason.complete(why);
				}
			});
			serverSide.complete(connection);
		});
		SocketChannel client = SocketChannel.open(listener.address());
		serverSide.get(10, TimeUnit.SECONDS);
		client.close();
		assertThat(reason.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");
		Connection connection = serverSide.get();
		assertThat(connection.isOpen()).isFalse();
		connection.write("dropped");
		connection.writeLines(List.of(new byte[] { 1 }));
		listener.close();
	}

	@Test
	void writeLinesFailureGoesToHandleException() throws Exception {
		CompletableFuture<Exception> failure = new CompletableFuture<>();
		Listener listener = this.ngi.listen(null, (connection) -> connection.setHandler(new ConnectionHandler() {
			@Override
			public void handleInput(Connection c, byte[] data) {
				c.writeLines(() -> new Iterator<>() {
					int count;

					@Override
					public boolean hasNext() {
						return true;
					}

					@Override
					public byte[] next() {
						if (this.count++ == 2) {
							throw new IllegalStateException("it");
						}
						return "ok\n".getBytes(StandardCharsets.UTF_8);
					}
				});
				c.write("after\n");
			}

			@Override
			public void handleException(Connection c, Exception exception) {
				failure.complete(exception);
			}
		}));
		Recorder client = new Recorder(new byte[] { 'x' });
		this.ngi.connect(listener.address(), client);
		assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class).hasMessage("it");
		await().atMost(WAIT).until(() -> client.text().equals("ok\nok\nafter\n"));
		listener.close();
	}

	@Test
	void writeLinesNullElementClosesAsHandlerError() throws Exception {
		Listener listener = this.ngi.listen(null, (connection) -> connection.setHandler((c, data) -> {
			List<byte[]> items = new ArrayList<>();
			items.add("one\n".getBytes(StandardCharsets.UTF_8));
			items.add(null);
			c.writeLines(items);
		}));
		Recorder client = new Recorder(new byte[] { 'x' });
		this.ngi.connect(listener.address(), client);
		assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");
		assertThat(client.text()).isEqualTo("one\n");
		listener.close();
	}

}
