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

package io.ngi.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import io.ngi.Listener;
import io.ngi.Server;
import io.ngi.adapters.Lines;
import io.ngi.adapters.Sized;
import io.ngi.nio.NioImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fragmentation: {@link Sized} and {@link Lines} echo servers over real sockets, fed by
 * clients that cut their frames at random points and write them in tiny pieces. Every
 * frame carries a sequence number and a CRC-32; every echoed frame is checked: none lost,
 * corrupted or reordered. CI: 100,000 frames per protocol; full: 1,000,000
 * ({@code -Dngi.reliability.frames=N}). Run over plaintext and over TLS (where the pieces
 * become TLS records, each cut again by the socket).
 */
class FragmentationReliabilityTests {

	private static final int CLIENTS = 4;

	private static final int BATCH_BYTES = 16 * 1024;

	private final NioImplementation ngi = NioImplementation.builder().name("fragmentation").loops(2).build();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void close() {
		this.threads.shutdownNow();
		this.ngi.close();
	}

	@ParameterizedTest
	@EnumSource(Encryption.class)
	void sizedFramesWrittenInTinyPiecesAreAllEchoedIntactAndInOrder(Encryption encryption) throws Exception {
		run(encryption, "Sized", (connection) -> new Sized(connection).setHandler((sized, frame) -> sized.write(frame)),
				new SizedCodec());
	}

	@ParameterizedTest
	@EnumSource(Encryption.class)
	void linesWrittenInTinyPiecesAreAllEchoedIntactAndInOrder(Encryption encryption) throws Exception {
		run(encryption, "Lines", (connection) -> new Lines(connection).setHandler((lines, line) -> {
			byte[] echoed = new byte[line.length + 1];
			System.arraycopy(line, 0, echoed, 0, line.length);
			echoed[line.length] = '\n';
			lines.write(echoed);
		}), new LinesCodec());
	}

	private void run(Encryption encryption, String protocol, Server server, Codec codec) throws Exception {
		int frames = Scale.count("frames", 100_000, 1_000_000);
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), server,
				encryption.listenOptions().build());
		InetSocketAddress address = (InetSocketAddress) listener.address();
		Tally tally = new Tally();
		long started = System.nanoTime();
		List<Future<?>> work = new ArrayList<>();
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int c = 0; c < CLIENTS; c++) {
				int share = frames / CLIENTS + ((c < frames % CLIENTS) ? 1 : 0);
				long seed = 8_000 + c;
				Socket socket = encryption.connect(address, 0);
				socket.setTcpNoDelay(true);
				socket.setSoTimeout(60_000);
				sockets.add(socket);
				work.add(this.threads.submit(() -> send(socket, codec, share, seed, tally)));
				work.add(this.threads.submit(() -> receive(socket, codec, share, tally)));
			}
			for (Future<?> future : work) {
				future.get(Scale.full() ? 30 : 5, TimeUnit.MINUTES);
			}
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
			listener.close();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Scale.report("fragmentation " + protocol + " " + encryption,
				String.format(
						"%d frames sent in %d writes (%d bytes), %d echoed, %d lost, %d corrupted, "
								+ "%d reordered, %.1f s",
						frames, tally.writes.get(), tally.bytes.get(), tally.received.get(),
						frames - tally.received.get(), tally.corrupted.get(), tally.reordered.get(), seconds));
		assertThat(tally.corrupted).as("corrupted frames").hasValue(0);
		assertThat(tally.reordered).as("reordered frames").hasValue(0);
		assertThat(tally.received).as("echoed frames (lost = %d)", frames - tally.received.get()).hasValue(frames);
	}

	private static Void send(Socket socket, Codec codec, int count, long seed, Tally tally) throws IOException {
		Random random = new Random(seed);
		OutputStream out = socket.getOutputStream();
		ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH_BYTES + 1024);
		for (int seq = 0; seq < count; seq++) {
			codec.encode(seq, random, batch);
			if (batch.size() >= BATCH_BYTES || seq == count - 1) {
				tally.bytes.addAndGet(batch.size());
				tally.writes.addAndGet(Pieces.write(out, batch.toByteArray(), batch.size(), random));
				batch.reset();
			}
		}
		return null;
	}

	private static Void receive(Socket socket, Codec codec, int count, Tally tally) throws IOException {
		InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
		long expected = 0;
		for (int i = 0; i < count; i++) {
			long seq = codec.decode(in);
			if (seq < 0) {
				tally.corrupted.incrementAndGet();
			}
			else if (seq != expected) {
				tally.reordered.incrementAndGet();
				expected = seq + 1;
			}
			else {
				expected++;
			}
			tally.received.incrementAndGet();
		}
		return null;
	}

	static long crc(byte[] data, int offset, int length) {
		CRC32 crc = new CRC32();
		crc.update(data, offset, length);
		return crc.getValue();
	}

	/** The counts of one run. */
	static final class Tally {

		final AtomicLong writes = new AtomicLong();

		final AtomicLong bytes = new AtomicLong();

		final AtomicLong received = new AtomicLong();

		final AtomicLong corrupted = new AtomicLong();

		final AtomicLong reordered = new AtomicLong();

	}

	/** A frame format with a sequence number and a checksum. */
	interface Codec {

		void encode(long seq, Random random, ByteArrayOutputStream out);

		/**
		 * Reads one frame; returns its sequence number, or -1 if its checksum is wrong.
		 */
		long decode(InputStream in) throws IOException;

	}

	/** Sized frames: 4-byte length, then 8-byte sequence, random bytes, 8-byte CRC-32. */
	static final class SizedCodec implements Codec {

		@Override
		public void encode(long seq, Random random, ByteArrayOutputStream out) {
			byte[] payload = new byte[16 + random.nextInt(97)];
			random.nextBytes(payload);
			ByteBuffer buffer = ByteBuffer.wrap(payload);
			buffer.putLong(0, seq);
			buffer.putLong(payload.length - 8, crc(payload, 0, payload.length - 8));
			out.writeBytes(ByteBuffer.allocate(4).putInt(payload.length).array());
			out.writeBytes(payload);
		}

		@Override
		public long decode(InputStream in) throws IOException {
			DataInputStream data = new DataInputStream(in);
			int length = data.readInt();
			if (length < 16 || length > 112) {
				throw new IOException("bad echoed frame length " + length);
			}
			byte[] payload = new byte[length];
			data.readFully(payload);
			ByteBuffer buffer = ByteBuffer.wrap(payload);
			return (buffer.getLong(length - 8) == crc(payload, 0, length - 8)) ? buffer.getLong(0) : -1;
		}

	}

	/** Lines: {@code <seq>:<crc hex>:<random bytes without '\n'>\n}. */
	static final class LinesCodec implements Codec {

		@Override
		public void encode(long seq, Random random, ByteArrayOutputStream out) {
			byte[] payload = new byte[random.nextInt(97)];
			random.nextBytes(payload);
			for (int i = 0; i < payload.length; i++) {
				if (payload[i] == '\n') {
					payload[i] = '\r';
				}
			}
			String head = seq + ":" + Long.toHexString(crc(payload, 0, payload.length)) + ":";
			out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
			out.writeBytes(payload);
			out.write('\n');
		}

		@Override
		public long decode(InputStream in) throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream(128);
			int b;
			while ((b = in.read()) != '\n') {
				if (b < 0) {
					throw new EOFException("the echo ended inside a line");
				}
				line.write(b);
			}
			byte[] bytes = line.toByteArray();
			int first = indexOf(bytes, 0);
			int second = (first < 0) ? -1 : indexOf(bytes, first + 1);
			if (second < 0) {
				return -1;
			}
			String seq = new String(bytes, 0, first, StandardCharsets.US_ASCII);
			String crc = new String(bytes, first + 1, second - first - 1, StandardCharsets.US_ASCII);
			try {
				long expectedCrc = Long.parseLong(crc, 16);
				return (expectedCrc == crc(bytes, second + 1, bytes.length - second - 1)) ? Long.parseLong(seq) : -1;
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}

		private static int indexOf(byte[] bytes, int from) {
			for (int i = from; i < bytes.length; i++) {
				if (bytes[i] == ':') {
					return i;
				}
			}
			return -1;
		}

	}

}
